package org.tideline.core.index;

import java.util.Arrays;

/**
 * The buckets one search will read, gathered before any is read so that their cache misses overlap: for each,
 * its range in the entry table, the query's kept chunk bits and how many of them may still differ.
 *
 * <p>Splitting a search into passes (gather bucket ranges, filter entries, verify candidates), each a loop whose
 * loads do not depend on one another, is what lets the CPU keep a dozen memory reads in flight instead of one:
 * the data-dependent loop of a naive search stalls on every miss.
 */
final class Probes {

    int[] from = new int[256];
    int[] to = new int[256];
    int[] keptBits = new int[256];
    int[] allowance = new int[256];
    int size;
    /** Where software prefetches leave their sums, so that the compiler keeps the loads. */
    long sink;
    /** Candidate ordinals written by the filter pass; slack for a vector's compress-store past the end. */
    int[] candidates = new int[1024];

    void clear() {
        size = 0;
    }

    void ensure(int more) {
        int need = size + more;
        if (need > from.length) {
            int cap = Math.max(need, from.length * 2);
            from = Arrays.copyOf(from, cap);
            to = Arrays.copyOf(to, cap);
            keptBits = Arrays.copyOf(keptBits, cap);
            allowance = Arrays.copyOf(allowance, cap);
        }
    }

    /** Makes room for {@code count} candidates plus a vector's worth of slack. */
    int[] candidates(long count) {
        long need = count + 64;
        if (need > candidates.length) {
            candidates = new int[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, candidates.length * 2L))];
        }
        return candidates;
    }
}
