package org.tideline.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.core.pdq.PdqHash;

/** What is committed reopens exactly; damaged files are refused; one writer at a time. */
class PersistenceTest {

    private static List<IndexEntry<PdqHash>> entries(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PdqHash> hashes = TestHashes.clusteredHashes(n, rnd);
        List<IndexEntry<PdqHash>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new IndexEntry<>(hashes.get(i), i % 5 == 0 ? "" : "id-" + i + "-é"));
        return out;
    }

    private static void assertSameAnswers(HashIndex<PdqHash> index, List<IndexEntry<PdqHash>> live, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PdqHash> hashes = live.stream().map(IndexEntry::hash).toList();
        for (PdqHash q : TestHashes.queries(hashes, 40, rnd)) {
            assertThat(index.search(q, 31)).isEqualTo(TestHashes.bruteForce(live, q, 31));
        }
    }

    @Test
    void a_committed_index_reopens_with_the_same_entries_flags_and_ids(@TempDir Path dir) throws IOException {
        List<IndexEntry<PdqHash>> all = entries(6000, 1);
        List<IndexEntry<PdqHash>> live = new ArrayList<>(all.subList(0, 5000));
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).bufferSize(256)
                .backgroundMaintenance(false).build(all.subList(0, 3000))) {
            for (IndexEntry<PdqHash> e : all.subList(3000, 5000)) index.add(e.hash(), e.id());
            index.commit();
            for (int i = 0; i < 5000; i += 97) {
                index.remove(all.get(i).hash(), all.get(i).id());
                live.remove(all.get(i));
            }
            for (int i = 1; i < 5000; i += 89) {
                if (index.disable(all.get(i).hash(), all.get(i).id())) live.remove(all.get(i));
            }
            index.commit();
            for (IndexEntry<PdqHash> e : all.subList(5000, 6000)) index.add(e.hash(), e.id()); // never committed
        }
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).open()) {
            assertSameAnswers(index, live, 2);
            assertThat(index.search(all.get(5500).hash(), 0)).as("uncommitted additions are gone").isEmpty();
        }
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).open()) {
            assertSameAnswers(index, live, 3);
            assertThatThrownBy(() -> index.add(all.get(0).hash(), "x")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void many_commits_with_merges_leave_only_the_files_of_the_last_commit(@TempDir Path dir) throws IOException {
        List<IndexEntry<PdqHash>> all = entries(3000, 4);
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).bufferSize(64)
                .backgroundMaintenance(false).open()) {
            for (int i = 0; i < all.size(); i++) {
                index.add(all.get(i).hash(), all.get(i).id());
                if (i % 150 == 149) index.commit();
            }
            index.commit();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.startsWith("manifest-"))).hasSize(1);
            assertThat(names).noneMatch(n -> n.endsWith(".tmp"));
        }
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).open()) {
            assertThat(index.size()).isEqualTo(3000);
            assertSameAnswers(index, all, 5);
        }
    }

    /** Every byte of every file matters: a flip anywhere is refused at open, or provably changes nothing. */
    @Test
    void a_damaged_file_is_refused_when_opening_never_searched(@TempDir Path dir) throws IOException {
        List<IndexEntry<PdqHash>> all = entries(4000, 6);
        List<IndexEntry<PdqHash>> live = new ArrayList<>(all);
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).build(all.subList(0, 3000))) {
            for (IndexEntry<PdqHash> e : all.subList(3000, 4000)) index.add(e.hash(), e.id());
            index.disable(all.get(7).hash(), all.get(7).id());
            live.remove(all.get(7));
            index.commit();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> !p.getFileName().toString().equals(IndexDirectory.LOCK_FILE)).sorted().toList();
        }
        assertThat(files.stream().map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.endsWith(SegmentFile.SUFFIX)).anyMatch(n -> n.endsWith(LivenessFile.SUFFIX))
                .anyMatch(n -> n.startsWith(Manifest.PREFIX));
        SplittableRandom rnd = new SplittableRandom(8);
        int refused = 0;
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            List<Integer> positions = new ArrayList<>(List.of(0, 9, 13, 25, 1016, original.length - 1, original.length - 60));
            for (int k = 0; k < 60; k++) positions.add(rnd.nextInt(original.length));
            for (int at : positions) {
                if (at < 0 || at >= original.length) continue;
                byte[] damaged = original.clone();
                damaged[at] ^= (byte) (1 << rnd.nextInt(8));
                Files.write(file, damaged);
                try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).open()) {
                    // only bytes no reader ever looks at (alignment padding) may change unnoticed
                    assertSameAnswers(index, live, 9);
                } catch (IOException expected) {
                    refused++;
                }
            }
            Files.write(file, original);
            Files.write(file, java.util.Arrays.copyOf(original, original.length / 2));
            assertThatThrownBy(() -> HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).open().close())
                    .as("truncated %s", file.getFileName()).isInstanceOf(IOException.class);
            Files.write(file, original);
        }
        assertThat(refused).isGreaterThan(files.size() * 50);
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).open()) {
            assertSameAnswers(index, live, 10);
        }
    }

    @Test
    void loading_into_memory_happens_behind_searches_and_keeps_every_answer_and_flag(@TempDir Path dir) throws Exception {
        List<IndexEntry<PdqHash>> all = entries(5000, 15);
        List<IndexEntry<PdqHash>> live = new ArrayList<>(all);
        HashIndex.builder(HashType.PDQ).directory(dir).build(all).close();
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).loadIntoMemory(true).open()) {
            index.disable(all.get(3).hash(), all.get(3).id()); // while (or before) the copy is made
            live.remove(all.get(3));
            assertSameAnswers(index, live, 16);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (index.stats().mappedBytes() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(index.stats().mappedBytes()).isZero();
            assertSameAnswers(index, live, 17);
            assertThat(index.search(all.get(3).hash(), 0)).isEmpty();
        }
        try (HashIndex<PdqHash> mapped = HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).open()) {
            assertThat(mapped.stats().mappedBytes()).as("searched in place by default")
                    .isPositive().isLessThanOrEqualTo(mapped.stats().searchBytes());
        }
    }

    @Test
    void a_missing_segment_file_is_refused(@TempDir Path dir) throws IOException {
        HashIndex.builder(HashType.PDQ).directory(dir).build(entries(1000, 11)).close();
        try (Stream<Path> s = Files.list(dir)) {
            Files.delete(s.filter(p -> p.toString().endsWith(SegmentFile.SUFFIX)).findFirst().orElseThrow());
        }
        assertThatThrownBy(() -> HashIndex.builder(HashType.PDQ).directory(dir).open().close()).isInstanceOf(IOException.class);
    }

    @Test
    void only_one_process_or_index_writes_a_directory_at_a_time_while_readers_share_it(@TempDir Path dir) throws IOException {
        try (HashIndex<PdqHash> writer = HashIndex.builder(HashType.PDQ).directory(dir).build(entries(700, 12))) {
            assertThatThrownBy(() -> HashIndex.builder(HashType.PDQ).directory(dir).open())
                    .isInstanceOf(IOException.class).hasMessageContaining("open for writing");
            try (HashIndex<PdqHash> reader = HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).open()) {
                assertThat(reader.size()).isEqualTo(writer.size());
            }
        }
        try (HashIndex<PdqHash> again = HashIndex.builder(HashType.PDQ).directory(dir).open()) {
            assertThat(again.size()).isEqualTo(700);
        }
    }

    @Test
    void refuses_to_open_an_index_as_another_hash_type_or_to_build_over_an_existing_one(@TempDir Path dir) throws IOException {
        HashIndex.builder(HashType.PDQ).directory(dir).build(entries(600, 13)).close();
        assertThatThrownBy(() -> HashIndex.builder(HashType.MD5).directory(dir).readOnly(true).open())
                .isInstanceOf(IOException.class).hasMessageContaining("pdq");
        assertThatThrownBy(() -> HashIndex.builder(HashType.PDQ).directory(dir).build(entries(10, 14)))
                .isInstanceOf(IOException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> HashIndex.builder(HashType.PDQ).directory(dir.resolve("nothing")).readOnly(true).open())
                .isInstanceOf(IOException.class);
    }

    @Test
    void an_empty_index_commits_and_reopens_empty(@TempDir Path dir) throws IOException {
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).open()) {
            index.commit();
        }
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).open()) {
            assertThat(index.size()).isZero();
            assertThat(index.search(TestHashes.random(new SplittableRandom(1)), 64)).isEmpty();
        }
    }
}
