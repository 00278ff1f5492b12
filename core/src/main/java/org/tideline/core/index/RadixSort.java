package org.tideline.core.index;

/** Least-significant-digit radix sorts over primitive arrays: O(n) passes, no boxing, stable. */
final class RadixSort {

    private static final int DIGIT_BITS = 16;
    private static final int BUCKETS = 1 << DIGIT_BITS;

    private RadixSort() {
    }

    /**
     * Entry numbers {@code 0..count) ordered by the top 32 bits of each entry's first word. Equal first words end up
     * adjacent (runs with equal top halves may interleave different words; callers compare within runs).
     */
    static int[] byFirstWord(long[] hashWords, int words, int count) {
        int[] keys = new int[count];
        int[] order = new int[count];
        for (int k = 0; k < count; k++) {
            keys[k] = (int) (hashWords[k * words] >>> 32);
            order[k] = k;
        }
        int[] keys2 = new int[count];
        int[] order2 = new int[count];
        for (int shift = 0; shift < Integer.SIZE; shift += DIGIT_BITS) {
            int[] starts = new int[BUCKETS + 1];
            for (int k = 0; k < count; k++) starts[((keys[k] >>> shift) & (BUCKETS - 1)) + 1]++;
            for (int b = 0; b < BUCKETS; b++) starts[b + 1] += starts[b];
            for (int k = 0; k < count; k++) {
                int at = starts[(keys[k] >>> shift) & (BUCKETS - 1)]++;
                keys2[at] = keys[k];
                order2[at] = order[k];
            }
            int[] t = keys; keys = keys2; keys2 = t;
            t = order; order = order2; order2 = t;
        }
        return order;
    }

    /** Sorts {@code values[0..count)} (as unsigned ints), in place. */
    static void sortInts(int[] values, int count, int[] scratch) {
        int[] a = values;
        int[] b = scratch;
        for (int shift = 0; shift < Integer.SIZE; shift += DIGIT_BITS) {
            int[] starts = new int[BUCKETS + 1];
            for (int k = 0; k < count; k++) starts[((a[k] >>> shift) & (BUCKETS - 1)) + 1]++;
            for (int d = 0; d < BUCKETS; d++) starts[d + 1] += starts[d];
            for (int k = 0; k < count; k++) b[starts[(a[k] >>> shift) & (BUCKETS - 1)]++] = a[k];
            int[] t = a; a = b; b = t;
        }
        // two passes: the result is back in values
    }
}
