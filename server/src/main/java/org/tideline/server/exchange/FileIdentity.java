package org.tideline.server.exchange;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Which file an import is reading, cheaply: the SHA-256 of its first {@link #HEAD_BYTES} and its size. Hashing the
 * whole file would mean reading it twice before importing a row; the head and the size tell apart the files that
 * actually meet (a list and its next edition, which grows or changes near the top). Two files with the same first
 * 64 KiB and the same size but different tails would be taken for one; {@code restart} is the way out.
 *
 * @param size -1 when the size is not known up front (standard input, a chunked upload): such an import is never
 *     resumed
 */
record FileIdentity(String headSha256, long size) {

    static final int HEAD_BYTES = 64 * 1024;

    static FileIdentity of(byte[] head, OptionalLong size) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(head);
            return new FileIdentity(HexFormat.of().formatHex(digest), size.orElse(-1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    boolean resumable() {
        return size >= 0;
    }
}
