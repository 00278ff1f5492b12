package org.tideline.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.tideline.core.pdq.PdqHash;

/**
 * The multi-index search of one segment returns exactly the brute-force result set, for every kind of plan: the
 * planner's, any radius split meeting the pigeonhole bound on any chunk layout, and the flat scan; with both
 * kernels; on random data and on near-duplicate families.
 */
class SegmentSearchExactnessTest {

    private static final int QUERIES = 24;

    @Provide
    Arbitrary<Integer> thresholds() {
        return Arbitraries.of(0, 8, 31, 32, 47, 64);
    }

    @Provide
    Arbitrary<Kernels> kernels() {
        return Arbitraries.of(TestHashes.allKernels());
    }

    @Property(tries = 40)
    void planned_multi_index_search_equals_brute_force_on_random_data(
            @ForAll long seed, @ForAll @IntRange(min = 512, max = 12_000) int n,
            @ForAll("thresholds") int threshold, @ForAll("kernels") Kernels kernels) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PdqHash> stored = TestHashes.randomHashes(n, rnd);
        Segment segment = SegmentBuilder.build(HashType.PDQ, TestHashes.buffer(stored), SegmentBuilder.inMemory());
        RadiusPlan plan = QueryPlanner.plan(segment.layout(), n, threshold, false);
        assertThat(plan.flat()).isFalse();
        assertExact(segment, stored, TestHashes.queries(stored, QUERIES, rnd), threshold, plan, kernels);
    }

    @Property(tries = 40)
    void planned_multi_index_search_equals_brute_force_on_near_duplicate_families(
            @ForAll long seed, @ForAll @IntRange(min = 512, max = 12_000) int n,
            @ForAll("thresholds") int threshold, @ForAll("kernels") Kernels kernels) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PdqHash> stored = TestHashes.clusteredHashes(n, rnd);
        Segment segment = SegmentBuilder.build(HashType.PDQ, TestHashes.buffer(stored), SegmentBuilder.inMemory());
        RadiusPlan plan = QueryPlanner.plan(segment.layout(), n, threshold, false);
        assertExact(segment, stored, TestHashes.queries(stored, QUERIES, rnd), threshold, plan, kernels);
    }

    /** The pigeonhole argument, tested directly: chunks with gaps, any directory split, any valid radii. */
    @Property(tries = 150)
    void any_radius_split_meeting_the_pigeonhole_bound_is_exact(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 4000) int n,
            @ForAll @IntRange(min = 0, max = 72) int threshold, @ForAll("kernels") Kernels kernels,
            @ForAll boolean clustered) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PdqHash> stored = clustered ? TestHashes.clusteredHashes(n, rnd) : TestHashes.randomHashes(n, rnd);
        ChunkLayout layout = randomLayout(n, rnd);
        int[] radius = randomRadii(layout, threshold, rnd);
        Assume.that(radius != null);
        Segment segment = SegmentBuilder.build(HashType.PDQ, TestHashes.buffer(stored), layout,
                SegmentBuilder.inMemory());
        assertExact(segment, stored, TestHashes.queries(stored, QUERIES, rnd), threshold,
                new RadiusPlan(false, radius, 0), kernels);
    }

    @Property(tries = 30)
    void flat_scan_equals_brute_force(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 5000) int n,
            @ForAll @IntRange(min = 0, max = 256) int threshold, @ForAll("kernels") Kernels kernels) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PdqHash> stored = TestHashes.clusteredHashes(n, rnd);
        Segment segment = SegmentBuilder.build(HashType.PDQ, TestHashes.buffer(stored), SegmentBuilder.inMemory());
        assertExact(segment, stored, TestHashes.queries(stored, QUERIES, rnd), threshold, RadiusPlan.flat(0), kernels);
    }

    static void assertExact(Segment segment, List<PdqHash> stored, List<PdqHash> queries, int threshold,
                            RadiusPlan plan, Kernels kernels) {
        Probes probes = new Probes();
        Hits hits = new Hits();
        for (PdqHash query : queries) {
            hits.clear();
            SegmentSearch.search(segment, TestHashes.words(query), threshold, plan, kernels, probes, hits);
            hits.sortUnique();
            List<Integer> found = new ArrayList<>();
            for (int k = 0; k < hits.size(); k++) {
                found.add(hits.ordinal(k));
                assertThat(hits.distance(k)).isEqualTo(stored.get(hits.ordinal(k)).distance(query));
            }
            assertThat(found)
                    .as("query %s at threshold %d, %s, %s", query, threshold, segment.layout(), kernels.describe())
                    .isEqualTo(TestHashes.bruteForceOrdinals(stored, query, threshold));
        }
    }

    /** Disjoint chunks of 1..32 bits at random places (gaps allowed), with any legal directory split. */
    static ChunkLayout randomLayout(int n, SplittableRandom rnd) {
        int ordinalBits = LayoutPlanner.ordinalBits(n);
        int tables = 1 + rnd.nextInt(ChunkLayout.MAX_TABLES);
        List<int[]> chunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < tables && at < 256; i++) {
            at += rnd.nextInt(3) == 0 ? rnd.nextInt(8) : 0;
            int length = Math.min(256 - at, 1 + rnd.nextInt(ChunkLayout.MAX_CHUNK_BITS));
            if (length < 1) break;
            int minDir = Math.max(0, length - (ChunkLayout.ENTRY_BITS - ordinalBits));
            int maxDir = Math.min(length, 16);
            if (minDir > maxDir) continue;
            chunks.add(new int[] {at, length, minDir + rnd.nextInt(maxDir - minDir + 1)});
            at += length;
        }
        if (chunks.isEmpty()) chunks.add(new int[] {0, 8, 8});
        int m = chunks.size();
        int[] start = new int[m];
        int[] length = new int[m];
        int[] dir = new int[m];
        for (int i = 0; i < m; i++) {
            start[i] = chunks.get(i)[0];
            length[i] = chunks.get(i)[1];
            dir[i] = chunks.get(i)[2];
        }
        return new ChunkLayout(4, ordinalBits, start, length, dir);
    }

    /** Radii in -1..length with sum (r + 1) >= threshold + 1, or null when the layout cannot reach the bound. */
    static int[] randomRadii(ChunkLayout layout, int threshold, SplittableRandom rnd) {
        int m = layout.tables();
        int[] radius = new int[m];
        int sum = 0;
        for (int i = 0; i < m; i++) {
            radius[i] = rnd.nextInt(-1, Math.min(layout.length(i), 4) + 1);
            sum += radius[i] + 1;
        }
        int guard = 0;
        while (sum < threshold + 1) {
            int i = rnd.nextInt(m);
            if (radius[i] < Math.min(layout.length(i), 9)) {
                radius[i]++;
                sum++;
            }
            if (++guard > 10_000) return null;
        }
        for (int i = 0; i < m; i++) {
            if (FlipPatterns.volume(layout.dirBits(i), radius[i]) > 200_000) return null;
        }
        return radius;
    }
}
