package org.tideline.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.store.DatabaseConfig;

/**
 * The acceptance check "a bank import killed mid-way and re-run": a separate JVM imports into an embedded database
 * file and is killed with SIGKILL ({@link Process#destroyForcibly}) once it has committed a few batches, most
 * likely in the middle of the next one; the import run again over the same file ends with exactly the file's
 * entries, none twice, each with its signal and its change-log record.
 *
 * <p>Embedded H2 makes this harder than it looks: after the kill it can show some rows the dead batch inserted
 * (entries without their signals, or without change-log records, so no matcher would ever see them) and can lose
 * the last commits of the second before the kill. The resumed import must clean the first up and redo the second.
 */
class ImportKillTest {

    private static final int ROWS = 60_000;
    private static final int KILL_AFTER_RECORDS = 3_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void an_import_killed_mid_way_and_run_again_ends_with_exactly_the_files_entries() throws Exception {
        Path data = dir.resolve("data");
        Path file = dir.resolve("list.csv");
        Files.writeString(file, BankImportTest.csv(1, ROWS), StandardCharsets.UTF_8);
        try (BankFixture f = BankFixture.open(DatabaseConfig.embedded(data)).bank("KILLED")) {
            assertThat(f.entries("KILLED")).isZero();
        }

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), ImportChild.class.getName(),
                data.toString(), "Hotline", "KILLED", file.toString())
                .redirectErrorStream(true).start();
        long reported = 0;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.add(line);
                if (line.startsWith("committed ")) {
                    reported = Long.parseLong(line.substring("committed ".length()));
                    if (reported >= KILL_AFTER_RECORDS) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(reported).as("the child's output: %s", output).isGreaterThanOrEqualTo(KILL_AFTER_RECORDS);
        assertThat(output).doesNotContain("finished");

        try (BankFixture f = BankFixture.reopen(DatabaseConfig.embedded(data))) {
            ImportSummary summary = f.importer.importFile(f.curator, "KILLED", file, ImportOptions.of(HashListFormat.CSV),
                    p -> { });
            assertThat(summary.resumedAfterLine()).as("resumed, not started over").isGreaterThan(1);
            assertThat(summary.added()).isEqualTo(ROWS);
            assertThat(summary.existing()).isZero();
            assertThat(f.entries("KILLED")).isEqualTo(ROWS);
            assertThat(f.signals("KILLED")).hasSize(ROWS);
            assertThat(f.entriesWithoutSignals("KILLED")).isZero();
            assertThat(f.entriesInChangeLog("KILLED")).as("every entry reaches the matchers").isEqualTo(ROWS);
        }
    }
}
