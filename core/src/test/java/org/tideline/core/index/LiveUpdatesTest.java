package org.tideline.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tideline.core.pdq.PdqHash;

/** Adds, removes, disables and enables without rebuilding; visible at once; readers never blocked or torn. */
class LiveUpdatesTest {

    private static HashIndex<PdqHash> small(boolean background) throws IOException {
        return HashIndex.builder(HashType.PDQ).bufferSize(64).backgroundMaintenance(background).open();
    }

    @Test
    void an_added_entry_is_found_by_the_next_search_and_adding_it_again_changes_nothing() throws IOException {
        try (HashIndex<PdqHash> index = small(false)) {
            PdqHash h = TestHashes.random(new SplittableRandom(1));
            assertThat(index.add(h, "a")).isTrue();
            assertThat(index.search(h, 0)).containsExactly(new Match<>(h, "a", 0));
            assertThat(index.add(h, "a")).isFalse();
            assertThat(index.add(h, "b")).isTrue();
            assertThat(index.search(h, 0)).extracting(Match::id).containsExactly("a", "b");
            assertThat(index.size()).isEqualTo(2);
        }
    }

    @Test
    void disabled_entries_are_kept_but_not_returned_until_enabled_and_removed_ones_are_gone() throws IOException {
        try (HashIndex<PdqHash> index = small(false)) {
            PdqHash h = TestHashes.random(new SplittableRandom(2));
            index.add(h, "x");
            assertThat(index.disable(h, "x")).isTrue();
            assertThat(index.disable(h, "x")).isFalse();
            assertThat(index.search(h, 10)).isEmpty();
            assertThat(index.size()).isEqualTo(1);
            assertThat(index.stats().disabled()).isEqualTo(1);
            assertThat(index.add(h, "x")).as("a disabled entry is still stored").isFalse();
            assertThat(index.enable(h, "x")).isTrue();
            assertThat(index.search(h, 10)).hasSize(1);
            assertThat(index.remove(h, "x")).isTrue();
            assertThat(index.remove(h, "x")).isFalse();
            assertThat(index.enable(h, "x")).isFalse();
            assertThat(index.search(h, 10)).isEmpty();
            assertThat(index.size()).isZero();
            assertThat(index.add(h, "x")).as("a removed entry can be added again").isTrue();
            assertThat(index.search(h, 10)).hasSize(1);
        }
    }

    /** Random operations against a model; after each step the index answers exactly as a scan of the model. */
    @Property(tries = 20)
    void random_update_sequences_keep_search_equal_to_a_scan_of_the_live_entries(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 3000) int bulk, @ForAll boolean background)
            throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PdqHash> pool = TestHashes.clusteredHashes(bulk + 600, rnd);
        Map<IndexEntry<PdqHash>, Boolean> model = new LinkedHashMap<>(); // entry -> enabled
        List<IndexEntry<PdqHash>> initial = new ArrayList<>();
        for (int i = 0; i < bulk; i++) initial.add(new IndexEntry<>(pool.get(i), "p" + i));
        initial.forEach(e -> model.put(e, true));
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).bufferSize(64)
                .backgroundMaintenance(background).build(initial)) {
            LiveIndex<PdqHash> live = (LiveIndex<PdqHash>) index;
            for (int step = 0; step < 1500; step++) {
                IndexEntry<PdqHash> e = new IndexEntry<>(pool.get(rnd.nextInt(pool.size())), "p" + rnd.nextInt(bulk + 600));
                boolean stored = model.containsKey(e);
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        assertThat(index.add(e.hash(), e.id())).isEqualTo(!stored);
                        model.putIfAbsent(e, true);
                    }
                    case 1 -> {
                        assertThat(index.remove(e.hash(), e.id())).isEqualTo(stored);
                        model.remove(e);
                    }
                    case 2 -> {
                        assertThat(index.disable(e.hash(), e.id())).isEqualTo(stored && model.get(e));
                        if (stored) model.put(e, false);
                    }
                    default -> {
                        assertThat(index.enable(e.hash(), e.id())).isEqualTo(stored && !model.get(e));
                        if (stored) model.put(e, true);
                    }
                }
                if (step % 100 == 0) {
                    if (background && rnd.nextBoolean()) live.maintenance().awaitIdle();
                    assertMatchesModel(index, model, TestHashes.queries(pool, 8, rnd), rnd.nextInt(48));
                }
            }
            live.maintenance().awaitIdle();
            assertMatchesModel(index, model, TestHashes.queries(pool, 20, rnd), 31);
            assertThat(index.size()).isEqualTo(model.size());
        }
    }

    private static void assertMatchesModel(HashIndex<PdqHash> index, Map<IndexEntry<PdqHash>, Boolean> model,
                                           List<PdqHash> queries, int threshold) {
        List<IndexEntry<PdqHash>> enabled = model.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        for (PdqHash q : queries) {
            assertThat(index.search(q, threshold)).isEqualTo(TestHashes.bruteForce(enabled, q, threshold));
        }
    }

    @Test
    void memory_stays_flat_over_hundreds_of_thousands_of_add_and_remove_cycles() throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        List<IndexEntry<PdqHash>> base = new ArrayList<>();
        for (int i = 0; i < 5000; i++) base.add(new IndexEntry<>(TestHashes.random(rnd), "b" + i));
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).bufferSize(1024).backgroundMaintenance(false)
                .build(base)) {
            long initial = index.stats().searchBytes();
            long peak = 0;
            int maxSegments = 0;
            for (int cycle = 0; cycle < 300_000; cycle++) {
                if (cycle % 2 == 0) {
                    PdqHash fresh = TestHashes.random(rnd);           // a new entry, added then removed
                    index.add(fresh, "c");
                    index.remove(fresh, "c");
                } else {
                    IndexEntry<PdqHash> e = base.get(rnd.nextInt(base.size())); // a stored one, removed and re-added
                    index.remove(e.hash(), e.id());
                    index.add(e.hash(), e.id());
                }
                if (cycle % 1000 == 0) {
                    peak = Math.max(peak, index.stats().searchBytes());
                    maxSegments = Math.max(maxSegments, index.stats().segments());
                }
            }
            assertThat(index.size()).isEqualTo(base.size());
            assertThat(peak).as("search bytes, initially %d", initial).isLessThan(4 * initial + 2_000_000);
            assertThat(maxSegments).isLessThan(20);
            for (IndexEntry<PdqHash> e : base.subList(0, 200)) {
                assertThat(index.search(e.hash(), 0)).extracting(Match::id).contains(e.id());
            }
        }
    }

    @Test
    void readers_never_wait_for_writers_and_never_see_a_half_written_entry() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        List<PdqHash> pool = TestHashes.clusteredHashes(4000, rnd);
        Set<IndexEntry<PdqHash>> everAdded = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < pool.size(); i++) everAdded.add(new IndexEntry<>(pool.get(i), "w" + i));
        AtomicReference<IndexEntry<PdqHash>> lastAdded = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).bufferSize(256).open()) {
            Thread writer = new Thread(() -> {
                SplittableRandom w = new SplittableRandom(6);
                for (int i = 0; i < pool.size() && failure.get() == null; i++) {
                    index.add(pool.get(i), "w" + i);
                    lastAdded.set(new IndexEntry<>(pool.get(i), "w" + i));
                    int j = w.nextInt(i + 1);
                    if (j % 3 == 1) index.disable(pool.get(j), "w" + j);
                    if (j % 3 == 2) index.enable(pool.get(j), "w" + j);
                }
                stop.set(true);
            });
            Runnable reader = () -> {
                SplittableRandom r = new SplittableRandom(Thread.currentThread().threadId());
                try {
                    while (!stop.get()) {
                        IndexEntry<PdqHash> seen = lastAdded.get();
                        PdqHash q = seen != null && r.nextBoolean() ? seen.hash() : pool.get(r.nextInt(pool.size()));
                        for (Match<PdqHash> m : index.search(q, 40)) {
                            if (!everAdded.contains(new IndexEntry<>(m.hash(), m.id()))) {
                                throw new AssertionError("returned an entry never added: " + m);
                            }
                            assertThat(m.distance()).isEqualTo(m.hash().distance(q));
                        }
                        Thread.yield(); // two readers on a two-core machine must not starve the writer
                        // added entries the writer never disables (index % 3 == 0) are visible right after add returns
                        if (seen != null && Integer.parseInt(seen.id().substring(1)) % 3 == 0
                                && Integer.parseInt(seen.id().substring(1)) != 0) {
                            List<Match<PdqHash>> found = index.search(seen.hash(), 0);
                            assertThat(found).extracting(Match::id).contains(seen.id());
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            };
            Thread r1 = new Thread(reader);
            Thread r2 = new Thread(reader);
            writer.start();
            r1.start();
            r2.start();
            writer.join();
            r1.join();
            r2.join();
        }
        if (failure.get() != null) throw new AssertionError(failure.get());
    }

    @Test
    void a_search_completes_while_a_writer_holds_the_lock() throws Exception {
        try (HashIndex<PdqHash> index = small(false)) {
            PdqHash h = TestHashes.random(new SplittableRandom(9));
            index.add(h, "held");
            LiveIndex<PdqHash> live = (LiveIndex<PdqHash>) index;
            live.writeLock().lock();
            try {
                java.util.concurrent.CompletableFuture<List<Match<PdqHash>>> search =
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> index.search(h, 0));
                assertThat(search.get(30, java.util.concurrent.TimeUnit.SECONDS)).extracting(Match::id).containsExactly("held");
            } finally {
                live.writeLock().unlock();
            }
        }
    }

    @Test
    void an_in_memory_index_has_nothing_to_commit_and_a_closed_one_refuses_work() throws IOException {
        HashIndex<PdqHash> index = small(false);
        assertThatThrownBy(index::commit).isInstanceOf(IllegalStateException.class);
        index.close();
        assertThatThrownBy(() -> index.search(TestHashes.random(new SplittableRandom(1)), 3))
                .isInstanceOf(IllegalStateException.class);
    }
}
