package org.tideline.core.index;

import java.util.Locale;
import java.util.Objects;

/**
 * An exact-copy digest (MD5, SHA-1 or SHA-256) as a value: the algorithm and the lower-case hex text, validated.
 *
 * @param algorithm which digest this is
 * @param hex       {@code algorithm.bits() / 4} lower-case hex digits
 */
public record Digest(Algorithm algorithm, String hex) implements Comparable<Digest> {

    /** The digests Tideline indexes. */
    public enum Algorithm {
        MD5(128), SHA1(160), SHA256(256);

        private final int bits;

        Algorithm(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }

        /** Number of hex digits in the text form. */
        public int hexLength() {
            return bits / 4;
        }
    }

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        if (hex == null) {
            throw new IllegalArgumentException(algorithm + " digest is missing");
        }
        hex = hex.strip().toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength()) {
            throw new IllegalArgumentException(algorithm + " digest must be " + algorithm.hexLength()
                    + " hex digits, got " + hex.length() + " characters");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException(algorithm + " digest has a non-hex character at position " + (i + 1));
            }
        }
    }

    public static Digest md5(String hex) {
        return new Digest(Algorithm.MD5, hex);
    }

    public static Digest sha1(String hex) {
        return new Digest(Algorithm.SHA1, hex);
    }

    public static Digest sha256(String hex) {
        return new Digest(Algorithm.SHA256, hex);
    }

    @Override
    public int compareTo(Digest o) {
        int c = algorithm.compareTo(o.algorithm);
        return c != 0 ? c : hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
