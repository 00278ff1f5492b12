package org.tideline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.pdq.PdqHash;

/** {@code tideline match}: exact against a brute-force scan, in the documented order and format. */
class MatchCommandTest {

    private static final Path BRIDGE = CliRun.TESTDATA.resolve("images/reg-test-input/dih/bridge-1-original.jpg");

    private static CliRun withStdin(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.of(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static PdqHash random(SplittableRandom rnd) {
        return new PdqHash(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }

    private static PdqHash flip(PdqHash h, int bits, SplittableRandom rnd) {
        PdqHash out = h;
        for (int k = 0; k < bits; k++) out = out.flip(rnd.nextInt(256));
        return out;
    }

    /** A list with planted near-duplicates; queries are some of the planted originals and unrelated hashes. */
    private record Fixture(List<PdqHash> stored, List<String> ids, List<PdqHash> queries) {
        static Fixture of(int n, long seed) {
            return of(n, seed, 60);
        }

        static Fixture of(int n, long seed, int plantedQueries) {
            SplittableRandom rnd = new SplittableRandom(seed);
            List<PdqHash> stored = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<PdqHash> queries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                stored.add(random(rnd));
                ids.add("item-" + i);
            }
            for (int q = 0; q < plantedQueries; q++) {
                PdqHash original = random(rnd);
                queries.add(original);
                for (int d : new int[] {0, 5, 20, 31, 32, 45}) {
                    stored.add(flip(original, d, rnd));
                    ids.add("planted-" + q + "-" + d);
                }
                queries.add(random(rnd));
            }
            return new Fixture(stored, ids, queries);
        }

        Path writeList(Path file) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < stored.size(); i++) sb.append(stored.get(i).toHex()).append('\t').append(ids.get(i)).append('\n');
            return Files.writeString(file, sb);
        }

        String stdin() {
            StringBuilder sb = new StringBuilder();
            for (PdqHash q : queries) sb.append(q.toHex()).append('\n');
            return sb.toString();
        }

        /** The expected output lines: brute force, in query order, then distance, then id. */
        List<String> expected(int threshold) {
            List<String> out = new ArrayList<>();
            out.add("query\tmatch\tid\tdistance");
            for (PdqHash q : queries) {
                List<Integer> hits = new ArrayList<>();
                for (int i = 0; i < stored.size(); i++) if (stored.get(i).distance(q) <= threshold) hits.add(i);
                hits.sort(Comparator.<Integer>comparingInt(i -> stored.get(i).distance(q)).thenComparing(ids::get));
                for (int i : hits) out.add(q.toHex() + "\t" + stored.get(i).toHex() + "\t" + ids.get(i) + "\t" + stored.get(i).distance(q));
            }
            return out;
        }
    }

    @Test
    void stdin_queries_against_a_hash_list_print_exactly_the_brute_force_matches_in_order(@TempDir Path tmp) throws IOException {
        Fixture f = Fixture.of(30_000, 1);
        Path list = f.writeList(tmp.resolve("list.txt"));
        CliRun run = withStdin(f.stdin(), "match", "--hashes", list.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).isEqualTo(f.expected(31));
        CliRun wide = withStdin(f.stdin(), "match", "--hashes", list.toString(), "--threshold", "45");
        assertThat(wide.lines()).isEqualTo(f.expected(45));
    }

    @Test
    void a_thousand_queries_or_more_are_answered_through_multi_index_tables_with_the_same_result(@TempDir Path tmp)
            throws IOException {
        Fixture f = Fixture.of(20_000, 3, 600); // 1,200 queries: past MatchCommand.TABLES_FROM_QUERIES
        assertThat(f.queries().size()).isGreaterThanOrEqualTo(MatchCommand.TABLES_FROM_QUERIES);
        Path list = f.writeList(tmp.resolve("list.txt"));
        CliRun run = withStdin(f.stdin(), "match", "--hashes", list.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).isEqualTo(f.expected(31));
    }

    @Test
    void stdin_queries_against_a_built_index_give_the_same_answer(@TempDir Path tmp) throws IOException {
        Fixture f = Fixture.of(20_000, 2);
        Path list = f.writeList(tmp.resolve("list.txt"));
        Path dir = tmp.resolve("idx");
        assertThat(CliRun.of("index", "build", "--out", dir.toString(), list.toString()).exitCode()).isZero();
        for (int t : new int[] {0, 8, 32}) {
            CliRun run = withStdin(f.stdin(), "match", "--index", dir.toString(), "--threshold", Integer.toString(t));
            assertThat(run.exitCode()).isZero();
            assertThat(run.lines()).isEqualTo(f.expected(t));
        }
    }

    @Test
    void exits_zero_with_only_the_header_when_nothing_matches(@TempDir Path tmp) throws IOException {
        Path list = Files.writeString(tmp.resolve("l.txt"), "0".repeat(64) + "\n");
        CliRun run = withStdin("f".repeat(64) + "\n", "match", "--hashes", list.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly("query\tmatch\tid\tdistance");
    }

    @Test
    void json_lines_carry_the_same_fields(@TempDir Path tmp) throws IOException {
        String h = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
        Path list = Files.writeString(tmp.resolve("l.txt"), h + "\tsay \"hi\"\n");
        CliRun run = withStdin(h + "\n", "match", "--hashes", list.toString(), "--format", "json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly(
                "{\"query\":\"" + h + "\",\"match\":\"" + h + "\",\"id\":\"say \\\"hi\\\"\",\"distance\":0}");
    }

    @Test
    void matches_images_by_their_pdq_hash_and_reports_unreadable_files(@TempDir Path tmp) throws Exception {
        PdqHash bridge = new MediaHasher().hash(BRIDGE).pdq().hash();
        Path list = Files.writeString(tmp.resolve("l.txt"), bridge.toHex() + "\tthe-bridge\n" + flip(bridge, 10, new SplittableRandom(3)).toHex() + "\tnear\n");
        Path missing = tmp.resolve("missing.jpg");
        CliRun run = CliRun.of("match", "--hashes", list.toString(), BRIDGE.toString(), missing.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.rows()).hasSize(2);
        assertThat(run.rows().get(0)).containsExactly(BRIDGE.toString(), bridge.toHex(), "the-bridge", "0");
        assertThat(run.rows().get(1)[2]).isEqualTo("near");
        assertThat(run.err()).contains("missing.jpg").contains("unreadable");
    }

    @Test
    void refuses_a_malformed_query_a_bad_threshold_and_a_missing_source(@TempDir Path tmp) throws IOException {
        Path list = Files.writeString(tmp.resolve("l.txt"), "0".repeat(64) + "\n");
        CliRun bad = withStdin("xyz\n", "match", "--hashes", list.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("stdin line 1");
        assertThat(withStdin("", "match", "--hashes", list.toString(), "--threshold", "300").exitCode()).isEqualTo(2);
        assertThat(withStdin("", "match").exitCode()).isEqualTo(2);
        CliRun noIndex = withStdin("", "match", "--index", tmp.resolve("none").toString());
        assertThat(noIndex.exitCode()).isEqualTo(1);
    }
}
