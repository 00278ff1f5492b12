package org.tideline.core.index;

import java.lang.foreign.MemorySegment;

/**
 * The multi-index search of one segment, in three passes over independent loads (see {@link Probes}):
 * <ol>
 *   <li><b>gather</b>: for each table the plan probes, XOR the query's directory key with every flip pattern of
 *       the table's radius and read the bucket's range in the entry table;</li>
 *   <li><b>filter</b>: keep the entries whose kept chunk bits are within the radius left over by the pattern
 *       (exact chunk distance {@code <= r_i});</li>
 *   <li><b>verify</b>: compute each candidate's distance on all bits.</li>
 * </ol>
 * {@link QueryPlanner} proves why this finds every hash within the threshold.
 */
final class SegmentSearch {

    private SegmentSearch() {
    }

    /** Adds to {@code hits} (which must be empty) every entry of {@code segment} within {@code threshold}. */
    static void search(Segment segment, long[] query, int threshold, Kernels kernels, Probes probes, Hits hits) {
        search(segment, query, threshold, segment.plan(threshold), kernels, probes, hits);
    }

    /** With a given plan (tests force every kind of plan through here). */
    static void search(Segment segment, long[] query, int threshold, RadiusPlan plan, Kernels kernels, Probes probes,
                       Hits hits) {
        if (plan.flat()) {
            kernels.scan(segment.hi(), segment.lo(), segment.loWords(), query, threshold, 0, segment.count(), hits);
            return;
        }
        long total = gather(segment, query, plan, probes);
        probes.candidates(total);
        probes.sink += touchBuckets(segment.ent(), probes);
        int candidates = kernels.filter(segment.ent(), probes, segment.layout().ordinalBits());
        probes.sink += touchCandidates(segment.hi(), probes.candidates, candidates);
        kernels.verify(segment.hi(), segment.lo(), segment.loWords(), query, threshold, probes.candidates,
                candidates, hits);
        if (tablesProbed(plan) > 1) {
            hits.sortUnique();
        }
    }

    /**
     * {@link #search} for many queries, table by table: every query probes table 0, then every query table 1, and
     * so on. One table's directory and entries (about 48 MB at 10M hashes) then stay in the last-level cache
     * while all the queries use them, instead of every query pulling every table from memory.
     */
    static void searchMany(Segment segment, long[][] queries, int threshold, Kernels kernels, Probes probes,
                           Hits[] hits) {
        RadiusPlan plan = segment.plan(threshold);
        if (plan.flat()) {
            kernels.scanMany(segment.hi(), segment.lo(), segment.loWords(), queries, threshold, 0, segment.count(),
                    hits);
            return;
        }
        for (int table = 0; table < segment.layout().tables(); table++) {
            if (plan.radius(table) < 0) continue;
            for (int q = 0; q < queries.length; q++) {
                long total = gather(segment, queries[q], plan, table, table + 1, probes);
                probes.candidates(total);
                probes.sink += touchBuckets(segment.ent(), probes);
                int candidates = kernels.filter(segment.ent(), probes, segment.layout().ordinalBits());
                probes.sink += touchCandidates(segment.hi(), probes.candidates, candidates);
                kernels.verify(segment.hi(), segment.lo(), segment.loWords(), queries[q], threshold,
                        probes.candidates, candidates, hits[q]);
            }
        }
        for (Hits h : hits) h.sortUnique();
    }

    /** Fills {@code probes} with every bucket the plan reads; returns the number of entries they hold. */
    static long gather(Segment segment, long[] query, RadiusPlan plan, Probes probes) {
        return gather(segment, query, plan, 0, segment.layout().tables(), probes);
    }

    /** {@link #gather} restricted to tables {@code [fromTable, toTable)}. */
    static long gather(Segment segment, long[] query, RadiusPlan plan, int fromTable, int toTable, Probes probes) {
        ChunkLayout layout = segment.layout();
        MemorySegment dir = segment.dir();
        probes.clear();
        long total = 0;
        for (int table = fromTable; table < toTable; table++) {
            int radius = plan.radius(table);
            if (radius < 0) continue;
            int key = layout.chunk(query, 0, table);
            int keep = layout.keepBits(table);
            int kept = key & (int) ((1L << keep) - 1);
            int bucketKey = key >>> keep;
            int[] patterns = FlipPatterns.of(layout.dirBits(table), radius);
            long dirBase = segment.dirBase(table);
            int entBase = (int) segment.entBase(table);
            probes.ensure(patterns.length);
            int[] from = probes.from;
            int[] to = probes.to;
            int[] keptBits = probes.keptBits;
            int[] allowance = probes.allowance;
            int s = probes.size;
            for (int pattern : patterns) {
                long bucket = dirBase + (bucketKey ^ pattern);
                int start = dir.getAtIndex(Segment.INT, bucket);
                int end = dir.getAtIndex(Segment.INT, bucket + 1);
                from[s] = entBase + start;
                to[s] = entBase + end;
                keptBits[s] = kept;
                allowance[s] = radius - Integer.bitCount(pattern);
                total += end - start;
                s++;
            }
            probes.size = s;
        }
        return total;
    }

    /**
     * Reads the first entry of every probed bucket and discards it: a software prefetch. This tight loop of
     * independent loads keeps many cache misses in flight; the filter that follows, with more work per bucket,
     * would otherwise wait on them one or two at a time (measured: 10M hashes, 2,300 buckets, the filter alone
     * 120 us; this loop 21 us plus the filter on cached lines 25 us).
     */
    static int touchBuckets(MemorySegment ent, Probes probes) {
        int sum = 0;
        int[] from = probes.from;
        int[] to = probes.to;
        for (int p = 0; p < probes.size; p++) {
            // first and last entry: a bucket may straddle two cache lines (to - 1 may precede from: harmless)
            sum += ent.getAtIndex(Segment.INT, from[p]) + ent.getAtIndex(Segment.INT, Math.max(0, to[p] - 1));
        }
        return sum;
    }

    /** The same for the candidates' hashes, before they are verified. */
    static long touchCandidates(MemorySegment hi, int[] candidates, int count) {
        long sum = 0;
        for (int c = 0; c < count; c++) {
            sum += hi.getAtIndex(Segment.LONG, 2L * candidates[c]);
        }
        return sum;
    }

    private static int tablesProbed(RadiusPlan plan) {
        int n = 0;
        for (int r : plan.radius()) {
            if (r >= 0) n++;
        }
        return n;
    }
}
