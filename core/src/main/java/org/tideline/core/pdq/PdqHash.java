package org.tideline.core.pdq;

import java.util.Locale;

/**
 * A 256-bit PDQ hash: a value of four longs.
 *
 * <p>The hex form is the one every PDQ tool prints: 64 lower-case hex digits, most significant first. Meta's C++
 * reference stores the hash as sixteen 16-bit words and prints word 15 first; bit {@code k} of the hash (DCT
 * coefficient {@code (k / 16, k % 16)}) is therefore bit {@code k} of the 256-bit big-endian number the hex spells.
 * {@code w0} holds hex digits 0-15 (bits 255..192), {@code w3} digits 48-63 (bits 63..0).
 */
public record PdqHash(long w0, long w1, long w2, long w3) implements Comparable<PdqHash> {

    /** Number of bits in a PDQ hash. */
    public static final int BITS = 256;
    /** Number of hex digits in the text form. */
    public static final int HEX_LENGTH = 64;

    private static final int BITS_PER_WORD = Long.SIZE;
    private static final int HEX_DIGITS_PER_WORD = 16;

    /**
     * Parses 64 hex digits (either case; surrounding whitespace is ignored).
     *
     * @throws IllegalArgumentException naming what is wrong with the text; the text itself is not echoed beyond
     *                                  its length, so that logs never carry more than they need
     */
    public static PdqHash fromHex(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("PDQ hash is missing");
        }
        String text = hex.strip();
        if (text.length() != HEX_LENGTH) {
            throw new IllegalArgumentException(
                    "PDQ hash must be " + HEX_LENGTH + " hex digits, got " + text.length() + " characters");
        }
        long[] words = new long[4];
        for (int w = 0; w < 4; w++) {
            long value = 0;
            for (int d = 0; d < HEX_DIGITS_PER_WORD; d++) {
                int at = w * HEX_DIGITS_PER_WORD + d;
                int digit = hexDigit(text.charAt(at));
                if (digit < 0) {
                    throw new IllegalArgumentException(
                            "PDQ hash has a non-hex character at position " + (at + 1));
                }
                value = (value << 4) | digit;
            }
            words[w] = value;
        }
        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    /**
     * The value of an ASCII hex digit, or -1. Not {@link Character#digit}: it also reads other scripts' digits
     * and fullwidth letters (U+0663, U+FF21) as hex, which no PDQ tool writes.
     */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** Whether bit {@code k} (0..255, bit 0 the least significant) is set. */
    public boolean bit(int k) {
        if (k < 0 || k >= BITS) {
            throw new IndexOutOfBoundsException("PDQ bit index " + k + " outside 0..255");
        }
        return (word(3 - k / BITS_PER_WORD) >>> (k % BITS_PER_WORD) & 1L) != 0;
    }

    /** The hash with bit {@code k} inverted. */
    public PdqHash flip(int k) {
        if (k < 0 || k >= BITS) {
            throw new IndexOutOfBoundsException("PDQ bit index " + k + " outside 0..255");
        }
        long mask = 1L << (k % BITS_PER_WORD);
        return switch (3 - k / BITS_PER_WORD) {
            case 0 -> new PdqHash(w0 ^ mask, w1, w2, w3);
            case 1 -> new PdqHash(w0, w1 ^ mask, w2, w3);
            case 2 -> new PdqHash(w0, w1, w2 ^ mask, w3);
            default -> new PdqHash(w0, w1, w2, w3 ^ mask);
        };
    }

    /** Word {@code i} (0 = most significant). */
    public long word(int i) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            default -> throw new IndexOutOfBoundsException("PDQ word index " + i + " outside 0..3");
        };
    }

    /** Hamming distance: the number of differing bits, 0..256. */
    public int distance(PdqHash other) {
        return Long.bitCount(w0 ^ other.w0) + Long.bitCount(w1 ^ other.w1)
                + Long.bitCount(w2 ^ other.w2) + Long.bitCount(w3 ^ other.w3);
    }

    /** Number of set bits. */
    public int bitCount() {
        return Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2) + Long.bitCount(w3);
    }

    /** 64 lower-case hex digits, most significant first. */
    public String toHex() {
        return String.format(Locale.ROOT, "%016x%016x%016x%016x", w0, w1, w2, w3);
    }

    @Override
    public String toString() {
        return toHex();
    }

    /** Orders as the unsigned 256-bit numbers the hex spells. */
    @Override
    public int compareTo(PdqHash o) {
        int c = Long.compareUnsigned(w0, o.w0);
        if (c == 0) c = Long.compareUnsigned(w1, o.w1);
        if (c == 0) c = Long.compareUnsigned(w2, o.w2);
        if (c == 0) c = Long.compareUnsigned(w3, o.w3);
        return c;
    }
}
