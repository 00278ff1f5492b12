package org.tideline.core.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5, SHA-1 and SHA-256 of a file's bytes, as lower-case hex: the exact-copy signals hash lists carry. */
public record Digests(String md5, String sha1, String sha256) {

    /** Computes all three over {@code bytes[0..length)} in one pass over the buffer. */
    public static Digests of(byte[] bytes, int length) {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest sha256 = digest("SHA-256");
        // Feed in cache-sized blocks so that each block is read from memory once for all three digests.
        final int block = 64 * 1024;
        for (int off = 0; off < length; off += block) {
            int n = Math.min(block, length - off);
            md5.update(bytes, off, n);
            sha1.update(bytes, off, n);
            sha256.update(bytes, off, n);
        }
        HexFormat hex = HexFormat.of();
        return new Digests(hex.formatHex(md5.digest()), hex.formatHex(sha1.digest()), hex.formatHex(sha256.digest()));
    }

    public static Digests of(byte[] bytes) {
        return of(bytes, bytes.length);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
