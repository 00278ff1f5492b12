package org.tideline.core.index;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * All {@code bits}-bit masks of at most {@code radius} set bits: XORed into a query's directory key, they name
 * every bucket within that Hamming radius. Computed once per (bits, radius) and shared.
 *
 * <p>Masks come in lexicographic order of their bit positions (0, 1, 1|2, 1|4, ..., 2, 2|4, ...), which keeps
 * buckets that differ only in low bits (neighbours in the directory and the entry table) close together in the
 * probe sequence, where the CPU merges their cache misses.
 */
final class FlipPatterns {

    /** The planner never asks for more masks than this per table; beyond it a flat scan is cheaper anyway. */
    static final long MAX_PATTERNS = 1L << 22;

    /**
     * Patterns by {@code bits * 64 + radius}. An array, not a map: a search asks once per table, and a map lookup
     * boxed its key and captured a lambda each time (measured: a quarter of a search's time at 1M hashes).
     */
    private static final AtomicReferenceArray<int[]> CACHE = new AtomicReferenceArray<>(64 * 64);

    private FlipPatterns() {
    }

    /** Number of masks of at most {@code radius} bits among {@code bits}: the Hamming ball volume, saturating. */
    static long volume(int bits, int radius) {
        if (radius < 0) return 0;
        long total = 0;
        long choose = 1;
        for (int k = 0; k <= Math.min(radius, bits); k++) {
            if (k > 0) {
                choose = choose * (bits - k + 1) / k;
            }
            total += choose;
            if (total > Long.MAX_VALUE / 64) return Long.MAX_VALUE / 64;
        }
        return total;
    }

    static int[] of(int bits, int radius) {
        int r = Math.min(radius, bits);
        if (volume(bits, r) > MAX_PATTERNS) {
            throw new IllegalArgumentException("too many flip patterns: " + bits + " bits, radius " + r);
        }
        if (bits >= 64) return generate(bits, r);
        int key = bits * 64 + r;
        int[] patterns = CACHE.get(key);
        if (patterns == null) {
            patterns = generate(bits, r);
            CACHE.set(key, patterns); // racing threads generate equal arrays; either may win
        }
        return patterns;
    }

    private static int[] generate(int bits, int radius) {
        int[] out = new int[(int) volume(bits, radius)];
        int n = fill(out, 0, 0, 0, bits, radius);
        assert n == out.length;
        return out;
    }

    private static int fill(int[] out, int n, int mask, int from, int bits, int radius) {
        out[n++] = mask;
        if (radius == 0) return n;
        for (int b = from; b < bits; b++) {
            n = fill(out, n, mask | (1 << b), b + 1, bits, radius - 1);
        }
        return n;
    }
}
