package org.tideline.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tideline.core.pdq.PdqHash;

/**
 * Searches through the public interface equal a brute-force scan: range search at the thresholds, batch
 * search, k-nearest; over a bulk-built segment, live additions spread over buffers and merged segments, and
 * disabled and removed entries.
 */
class HashIndexSearchTest {

    private static final Path HASH_LISTS = Path.of("../../shared/testdata/pdq/hash-lists").toAbsolutePath().normalize();

    @Provide
    Arbitrary<Integer> thresholds() {
        return Arbitraries.of(0, 8, 31, 32, 47, 64);
    }

    @Provide
    Arbitrary<Kernels> kernels() {
        return Arbitraries.of(TestHashes.allKernels());
    }

    @Property(tries = 25)
    void search_equals_brute_force_over_bulk_built_and_live_added_entries(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 9000) int bulk, @ForAll @IntRange(min = 0, max = 1500) int live,
            @ForAll("thresholds") int threshold, @ForAll("kernels") Kernels kernels, @ForAll boolean clustered)
            throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PdqHash> hashes = clustered ? TestHashes.clusteredHashes(bulk + live, rnd)
                : TestHashes.randomHashes(bulk + live, rnd);
        List<IndexEntry<PdqHash>> entries = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) entries.add(new IndexEntry<>(hashes.get(i), "e" + (i % 700)));
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).kernels(kernels).bufferSize(128)
                .backgroundMaintenance(false).build(entries.subList(0, bulk))) {
            for (IndexEntry<PdqHash> e : entries.subList(bulk, entries.size())) index.add(e.hash(), e.id());
            List<IndexEntry<PdqHash>> stored = distinct(entries);
            assertThat(index.size()).isEqualTo(stored.size());
            List<PdqHash> queries = TestHashes.queries(hashes.isEmpty() ? TestHashes.randomHashes(1, rnd) : hashes, 30, rnd);
            for (PdqHash q : queries) {
                assertThat(index.search(q, threshold)).as("query %s", q).isEqualTo(TestHashes.bruteForce(stored, q, threshold));
            }
            List<List<Match<PdqHash>>> batch = index.searchAll(queries, threshold);
            for (int i = 0; i < queries.size(); i++) {
                assertThat(batch.get(i)).isEqualTo(TestHashes.bruteForce(stored, queries.get(i), threshold));
            }
        }
    }

    @Property(tries = 20)
    void nearest_returns_the_k_closest_in_search_order(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 5000) int n, @ForAll @IntRange(min = 0, max = 40) int k,
            @ForAll("kernels") Kernels kernels) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PdqHash> hashes = TestHashes.clusteredHashes(n, rnd);
        List<IndexEntry<PdqHash>> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) entries.add(new IndexEntry<>(hashes.get(i), "n" + i));
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).kernels(kernels).build(entries)) {
            for (PdqHash q : TestHashes.queries(hashes, 10, rnd)) {
                List<Match<PdqHash>> all = TestHashes.bruteForce(entries, q, 256);
                assertThat(index.nearest(q, k)).isEqualTo(all.subList(0, Math.min(k, all.size())));
            }
        }
    }

    @Test
    void finds_the_upstream_multi_index_regression_needles_in_the_haystack_at_distance_32() throws IOException {
        // ThreatExchange pdq/data/{needles,haystack}.txt: upstream's MIH regression, run at distance 32
        List<PdqHash> needles = read(HASH_LISTS.resolve("needles.txt"));
        List<PdqHash> haystack = read(HASH_LISTS.resolve("haystack.txt"));
        List<IndexEntry<PdqHash>> entries = new ArrayList<>();
        for (int i = 0; i < haystack.size(); i++) entries.add(new IndexEntry<>(haystack.get(i), Integer.toString(i)));
        for (Kernels kernels : TestHashes.allKernels()) {
            try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).kernels(kernels).build(entries)) {
                int total = 0;
                for (PdqHash needle : needles) {
                    List<Match<PdqHash>> found = index.search(needle, 32);
                    assertThat(found).isEqualTo(TestHashes.bruteForce(entries, needle, 32));
                    total += found.size();
                }
                assertThat(total).as("matches at distance 32").isPositive();
            }
        }
    }

    @Test
    void an_index_built_without_tables_answers_the_same_by_flat_scans() throws IOException {
        SplittableRandom rnd = new SplittableRandom(21);
        List<PdqHash> hashes = TestHashes.clusteredHashes(20_000, rnd);
        List<IndexEntry<PdqHash>> entries = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) entries.add(new IndexEntry<>(hashes.get(i), "f" + i));
        for (Kernels kernels : TestHashes.allKernels()) {
            try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).kernels(kernels).multiIndex(false).build(entries)) {
                List<PdqHash> queries = TestHashes.queries(hashes, 40, rnd);
                List<List<Match<PdqHash>>> batch = index.searchAll(queries, 31);
                for (int i = 0; i < queries.size(); i++) {
                    List<Match<PdqHash>> expected = TestHashes.bruteForce(entries, queries.get(i), 31);
                    assertThat(index.search(queries.get(i), 31)).isEqualTo(expected);
                    assertThat(batch.get(i)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void default_threshold_is_31_for_pdq() throws IOException {
        PdqHash base = TestHashes.random(new SplittableRandom(3));
        PdqHash at31 = TestHashes.flip(base, 31, new SplittableRandom(4));
        PdqHash at32 = TestHashes.flip(base, 32, new SplittableRandom(5));
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).open()) {
            index.add(at31, "near");
            index.add(at32, "far");
            assertThat(index.search(base)).extracting(Match::id).containsExactly("near");
        }
    }

    @Test
    void rejects_thresholds_outside_the_hash_width() throws IOException {
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).open()) {
            PdqHash q = TestHashes.random(new SplittableRandom(1));
            assertThatThrownBy(() -> index.search(q, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.search(q, 257)).isInstanceOf(IllegalArgumentException.class);
            assertThat(index.search(q, 256)).isEmpty();
        }
    }

    static List<IndexEntry<PdqHash>> distinct(List<IndexEntry<PdqHash>> entries) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(entries));
    }

    static List<PdqHash> read(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).map(PdqHash::fromHex).toList();
    }
}
