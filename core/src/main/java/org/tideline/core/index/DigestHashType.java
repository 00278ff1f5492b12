package org.tideline.core.index;

import java.util.HexFormat;

/**
 * MD5, SHA-1, SHA-256: the digest's bytes as big-endian words, the last word zero-padded (SHA-1's 160 bits take
 * three words). Digests are uniformly distributed, so one table keyed on any of their bits finds an exact copy
 * with a single probe.
 */
final class DigestHashType implements HashType<Digest>, KeyCodec<Digest> {
    static final DigestHashType MD5 = new DigestHashType(Digest.Algorithm.MD5, "md5", 2);
    static final DigestHashType SHA1 = new DigestHashType(Digest.Algorithm.SHA1, "sha1", 3);
    static final DigestHashType SHA256 = new DigestHashType(Digest.Algorithm.SHA256, "sha256", 4);

    private static final HexFormat HEX = HexFormat.of();

    private final Digest.Algorithm algorithm;
    private final String name;
    private final int fileCode;

    private DigestHashType(Digest.Algorithm algorithm, String name, int fileCode) {
        this.algorithm = algorithm;
        this.name = name;
        this.fileCode = fileCode;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public int bits() {
        return algorithm.bits();
    }

    @Override
    public int defaultThreshold() {
        return 0;
    }

    @Override
    public Digest parse(String text) {
        return new Digest(algorithm, text);
    }

    @Override
    public String format(Digest hash) {
        return hash.hex();
    }

    @Override
    public int words() {
        return (algorithm.bits() + Long.SIZE - 1) / Long.SIZE;
    }

    @Override
    public int fileCode() {
        return fileCode;
    }

    @Override
    public void toWords(Digest hash, long[] out, int offset) {
        if (hash.algorithm() != algorithm) {
            throw new IllegalArgumentException("expected a " + algorithm + " digest, got " + hash.algorithm());
        }
        byte[] bytes = HEX.parseHex(hash.hex());
        int words = words();
        for (int w = 0; w < words; w++) {
            long value = 0;
            for (int b = 0; b < Long.BYTES; b++) {
                int at = w * Long.BYTES + b;
                value = (value << 8) | (at < bytes.length ? bytes[at] & 0xFF : 0);
            }
            out[offset + w] = value;
        }
    }

    @Override
    public Digest fromWords(long[] words, int offset) {
        byte[] bytes = new byte[algorithm.bits() / 8];
        for (int at = 0; at < bytes.length; at++) {
            bytes[at] = (byte) (words[offset + at / Long.BYTES] >>> (8 * (Long.BYTES - 1 - at % Long.BYTES)));
        }
        return new Digest(algorithm, HEX.formatHex(bytes));
    }
}
