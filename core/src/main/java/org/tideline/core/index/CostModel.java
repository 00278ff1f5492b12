package org.tideline.core.index;

/**
 * Expected time of the steps of a search, in nanoseconds, for choosing between layouts and between a
 * multi-index search and a flat scan. The constants were measured on the machine in docs/index.md (one core, data
 * larger than the caches): a probe is a directory read plus an entry-table read, both usually cache misses; a
 * candidate costs a read of its hash (another miss); a flat scan streams 16 bytes a hash. Only the ratios matter,
 * and a wrong guess makes a search slower, never inexact.
 */
final class CostModel {

    static final double PROBE_NANOS = 20;
    static final double ENTRY_NANOS = 0.7;
    static final double CANDIDATE_NANOS = 14;
    static final double FLAT_NANOS_PER_HASH = 0.9;

    private CostModel() {
    }

    /**
     * Expected cost of searching one table at chunk radius {@code radius} in a segment of {@code entries} uniformly
     * distributed hashes.
     */
    static double tableNanos(long entries, int chunkBits, int dirBits, int radius) {
        if (radius < 0) return 0;
        double probes = FlipPatterns.volume(dirBits, radius);
        double scanned = probes * entries / Math.pow(2, dirBits);
        double candidates = entries * (double) FlipPatterns.volume(chunkBits, radius) / Math.pow(2, chunkBits);
        return PROBE_NANOS * probes + ENTRY_NANOS * scanned + CANDIDATE_NANOS * candidates;
    }

    static double flatNanos(long entries) {
        return FLAT_NANOS_PER_HASH * entries;
    }
}
