package org.tideline.core.index;

import java.util.Arrays;

/** A growable list of (ordinal, distance) pairs found in one part of the index. Not thread-safe. */
final class Hits {

    private int[] ordinals = new int[64];
    private int[] distances = new int[64];
    private int size;

    void add(int ordinal, int distance) {
        if (size == ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, size * 2);
            distances = Arrays.copyOf(distances, size * 2);
        }
        ordinals[size] = ordinal;
        distances[size] = distance;
        size++;
    }

    int size() {
        return size;
    }

    int ordinal(int k) {
        return ordinals[k];
    }

    int distance(int k) {
        return distances[k];
    }

    void clear() {
        size = 0;
    }

    /**
     * Sorts by ordinal and drops repeats: a hash near the query in several chunks is found by several tables.
     * Hits are usually few, so an insertion sort; past 64, a sort of packed (ordinal, distance) longs.
     */
    void sortUnique() {
        if (size < 2) return;
        if (size > 64) {
            long[] packed = new long[size];
            for (int k = 0; k < size; k++) packed[k] = ((long) ordinals[k] << 32) | distances[k];
            Arrays.sort(packed);
            int out = 0;
            for (int k = 0; k < size; k++) {
                int o = (int) (packed[k] >>> 32);
                if (out > 0 && ordinals[out - 1] == o) continue;
                ordinals[out] = o;
                distances[out] = (int) packed[k];
                out++;
            }
            size = out;
            return;
        }
        for (int k = 1; k < size; k++) {
            int o = ordinals[k];
            int d = distances[k];
            int j = k - 1;
            while (j >= 0 && ordinals[j] > o) {
                ordinals[j + 1] = ordinals[j];
                distances[j + 1] = distances[j];
                j--;
            }
            ordinals[j + 1] = o;
            distances[j + 1] = d;
        }
        int out = 1;
        for (int k = 1; k < size; k++) {
            if (ordinals[k] != ordinals[out - 1]) {
                ordinals[out] = ordinals[k];
                distances[out] = distances[k];
                out++;
            }
        }
        size = out;
    }
}
