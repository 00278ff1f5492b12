package org.tideline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tideline.cli.CliRun.TESTDATA;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tideline hash}: its columns, its options, its order, its exit codes. Hashes are checked against Meta's
 * references in ../shared/testdata/pdq/expected/ ({@code full-resolution.csv}, {@code cpp-512.csv}) and digests
 * against the JDK's {@link MessageDigest} over the file's bytes.
 */
class HashCommandTest {

    static final String HEADER = "path\tpdq\tquality\tmd5\tsha1\tsha256";
    /** Meta's regression inputs: 8 dihedral bridges, 4 EXIF-rotated photos and a PNG, all hashed exactly. */
    static final Path REG_TEST_INPUT = TESTDATA.resolve("images/reg-test-input");

    @Test
    void the_header_line_names_the_columns_in_order() {
        CliRun run = CliRun.of("hash", image("reg-test-input/pen-and-coaster.png").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().getFirst()).isEqualTo(HEADER);
        assertThat(run.rows().getFirst()).hasSize(6);
    }

    @Test
    void dihedral_adds_eight_hashes_matching_the_full_resolution_reference() {
        Map<String, String[]> reference = csv("expected/full-resolution.csv");

        CliRun run = CliRun.of("hash", "--dihedral", REG_TEST_INPUT.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().getFirst()).isEqualTo(HEADER + "\tdihedral");
        assertThat(run.rows()).hasSize(13);
        for (String[] row : run.rows()) {
            String[] expected = reference.get(TESTDATA.relativize(Path.of(row[0])).toString());
            assertThat(row).as(row[0]).hasSize(7);
            assertThat(row[1]).as(row[0]).isEqualTo(expected[1]);
            assertThat(row[2]).as(row[0]).isEqualTo(expected[2]);
            // full-resolution.csv: path, pdq, quality, java_reference_pdq, dihedral (space-separated, same order)
            assertThat(row[6].split(" ")).as(row[0]).hasSize(8);
            assertThat(row[6]).as(row[0]).isEqualTo(expected[4]);
        }
    }

    @Test
    void mode_512_matches_metas_cpp_cli() {
        Map<String, String[]> reference = csv("expected/cpp-512.csv");

        CliRun run = CliRun.of("hash", "--mode", "512", "--dihedral", REG_TEST_INPUT.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.rows()).hasSize(13);
        for (String[] row : run.rows()) {
            // cpp-512.csv: path, pdq, quality, dihedral
            String[] expected = reference.get(TESTDATA.relativize(Path.of(row[0])).toString());
            assertThat(row[1]).as(row[0]).isEqualTo(expected[1]);
            assertThat(row[2]).as(row[0]).isEqualTo(expected[2]);
            assertThat(row[6]).as(row[0]).isEqualTo(expected[3]);
        }
    }

    @Test
    void a_directory_expands_to_every_file_beneath_it_sorted_by_path(@TempDir Path dir) throws IOException {
        Path photo = image("reg-test-input/dih/bridge-1-original.jpg");
        // Created out of order, two levels deep; sorted by path, "b/1/x.jpg" comes before "b/2.jpg".
        copy(photo, dir.resolve("c.jpg"));
        copy(photo, dir.resolve("b/2.jpg"));
        copy(photo, dir.resolve("a.jpg"));
        copy(photo, dir.resolve("b/1/x.jpg"));

        CliRun run = CliRun.of("hash", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.rows()).extracting(row -> dir.relativize(Path.of(row[0])).toString())
                .containsExactly("a.jpg", "b/1/x.jpg", "b/2.jpg", "c.jpg");
    }

    @Test
    void output_is_in_the_order_given_even_when_four_threads_finish_out_of_order() {
        // A 1.2 MB PNG first, then small JPEGs that finish long before it; a directory and a file named twice.
        List<String> given = List.of(
                image("misc-images/c.png").toString(),
                image("misc-images/wee.jpg").toString(),
                image("reg-test-input/dih/bridge-8-flip-minus-1.jpg").toString(),
                image("misc-images/small.jpg").toString(),
                image("reg-test-input/exif-rotn").toString(),
                image("bridge-mods/aaa-orig.jpg").toString(),
                image("misc-images/wee.jpg").toString());
        List<String> expected = new ArrayList<>(given.subList(0, 4));
        for (int n : new int[] {1, 3, 6, 8}) {
            expected.add(image("reg-test-input/exif-rotn/exif-rotn-" + n + ".jpg").toString());
        }
        expected.addAll(given.subList(5, 7));
        List<String> args = new ArrayList<>(List.of("hash", "--threads", "4"));
        args.addAll(given);

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).isZero();
        assertThat(run.rows()).extracting(row -> row[0]).containsExactlyElementsOf(expected);
        CliRun oneThread = CliRun.of(args.stream().map(a -> a.equals("4") ? "1" : a).toArray(String[]::new));
        assertThat(run.out()).isEqualTo(oneThread.out());
    }

    @Test
    void json_prints_one_object_per_line_with_the_same_values_as_tsv(@TempDir Path dir) {
        Path photo = image("reg-test-input/dih/bridge-1-original.jpg");
        Path missing = dir.resolve("missing.jpg");
        CliRun tsv = CliRun.of("hash", "--dihedral", photo.toString());

        CliRun json = CliRun.of("hash", "--format", "json", "--dihedral", photo.toString(), missing.toString());

        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.lines()).hasSize(2);
        Map<String, Object> hashed = MiniJson.parseObject(json.lines().get(0));
        String[] row = tsv.rows().getFirst();
        assertThat(hashed).containsOnlyKeys("path", "pdq", "quality", "low_quality", "md5", "sha1", "sha256",
                "width", "height", "dihedral");
        assertThat(hashed).containsEntry("path", photo.toString()).containsEntry("pdq", row[1])
                .containsEntry("quality", Long.parseLong(row[2])).containsEntry("low_quality", false)
                .containsEntry("md5", row[3]).containsEntry("sha1", row[4]).containsEntry("sha256", row[5]);
        assertThat(hashed.get("dihedral")).isEqualTo(List.of(row[6].split(" ")));
        assertThat(hashed.get("width")).isInstanceOf(Long.class);
        assertThat(MiniJson.parseObject(json.lines().get(1))).containsExactly(
                Map.entry("path", missing.toString()), Map.entry("error", "unreadable"),
                Map.entry("message", "no such file"));
    }

    @Test
    void md5_sha1_and_sha256_are_the_digests_of_the_file_bytes() throws Exception {
        List<Path> files = List.of(image("misc-images/c.png"), image("misc-images/small.jpg"),
                image("reg-test-input/dih/bridge-1-original.jpg"));

        CliRun run = CliRun.of("hash", files.get(0).toString(), files.get(1).toString(), files.get(2).toString());

        assertThat(run.rows()).hasSize(3);
        for (int i = 0; i < files.size(); i++) {
            byte[] bytes = Files.readAllBytes(files.get(i));
            String[] row = run.rows().get(i);
            assertThat(row[3]).isEqualTo(digest("MD5", bytes));
            assertThat(row[4]).isEqualTo(digest("SHA-1", bytes));
            assertThat(row[5]).isEqualTo(digest("SHA-256", bytes));
        }
    }

    @Test
    void exit_code_is_0_when_every_file_is_hashed() {
        CliRun run = CliRun.of("hash", REG_TEST_INPUT.resolve("dih").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void exit_code_is_1_when_any_file_fails_and_the_others_are_still_hashed(@TempDir Path dir) {
        Path photo = image("reg-test-input/dih/bridge-1-original.jpg");
        Path missing = dir.resolve("missing.jpg");

        CliRun run = CliRun.of("hash", missing.toString(), photo.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).hasSize(3);
        assertThat(run.lines().get(1)).isEqualTo(missing + "\terror\tunreadable: no such file");
        assertThat(run.rows().get(1)[0]).isEqualTo(photo.toString());
        assertThat(run.rows().get(1)[1]).hasSize(64);
        assertThat(run.err()).contains("tideline hash: 1 of 2 file(s) could not be hashed");
    }

    @Test
    void low_quality_hashes_are_printed_and_counted_on_stderr() {
        // misc-images/small.jpg has quality 0 in full-resolution.csv.
        CliRun run = CliRun.of("hash", image("misc-images/small.jpg").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.rows().getFirst()[2]).isEqualTo("0");
        assertThat(run.err()).contains("1 file(s) hashed with quality below 50");
    }

    @ParameterizedTest(name = "hash {0}")
    @ValueSource(strings = {"--mode 300", "--threads 0", "--threads -2", "--threads many", "--format xml",
            "--no-such-option", "--max-pixels lots", "--jpeg-decoder libpng", ""})
    void exit_code_is_2_for_a_bad_command_line(String options) {
        List<String> args = new ArrayList<>(List.of("hash"));
        if (!options.isEmpty()) args.addAll(List.of(options.split(" ")));
        if (!options.isEmpty()) args.add(image("reg-test-input/pen-and-coaster.png").toString());

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).as("nothing is hashed").isEmpty();
        assertThat(run.err()).as("the error and the usage go to stderr").contains("Usage: tideline hash");
    }

    @Test
    void main_run_returns_the_exit_code_rather_than_exiting() {
        // Main.run prints to the process's real stdout, so only a run that prints nothing there is checked here.
        assertThat(Main.run("hash", "--threads", "0", "photo.jpg")).isEqualTo(2);
    }

    @Test
    void a_bad_mode_names_the_accepted_ones() {
        CliRun run = CliRun.of("hash", "--mode", "300", image("reg-test-input/pen-and-coaster.png").toString());

        assertThat(run.err()).contains("unknown PDQ mode '300'").contains("[full, 512]");
    }

    static Path image(String relative) {
        return TESTDATA.resolve("images").resolve(relative);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static String digest(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    /** The rows of a reference CSV by their path column. */
    private static Map<String, String[]> csv(String relative) {
        try {
            Map<String, String[]> rows = new LinkedHashMap<>();
            for (String line : Files.readAllLines(TESTDATA.resolve(relative)).stream().skip(1).toList()) {
                String[] f = line.split(",", -1);
                rows.put(f[0], f);
            }
            return rows;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reference data missing: " + relative, e);
        }
    }
}
