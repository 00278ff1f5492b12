package org.tideline.server.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash that chains audit records: SHA-256 over the previous hash and every field of the record, each field
 * length-prefixed so that no two different records encode the same bytes.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    static String of(String prevHash, long seq, AuditEvent e) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new AssertionError(ex);
        }
        field(sha, prevHash);
        sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(e.orgId()).array());
        field(sha, e.at().toString());
        field(sha, e.actor());
        field(sha, e.action());
        field(sha, e.target());
        field(sha, e.detail());
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }
}
