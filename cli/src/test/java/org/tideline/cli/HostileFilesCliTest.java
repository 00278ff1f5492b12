package org.tideline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.core.image.HostileFiles;
import org.tideline.core.image.HostileFiles.Case;

/**
 * {@code tideline hash} over core's generated hostile-file corpus ({@link HostileFiles}, through core's
 * test-jar): every file gets a {@code PATH<TAB>error<TAB>kind: message} line in its place, the command carries on
 * past each one, and exits 1.
 */
class HostileFilesCliTest {

    @Test
    void every_hostile_file_gets_an_error_line_with_its_kind_and_the_exit_code_is_1(@TempDir Path dir) {
        Map<String, Case> byPath = new LinkedHashMap<>();
        for (Case c : HostileFiles.corpus()) {
            // The time-limit case needs a 1 ms limit, which --timeout (whole seconds) cannot give.
            if (c.usesDefaultLimits()) {
                byPath.put(c.writeTo(dir).toString(), c);
            }
        }
        Path missing = dir.resolve("missing").resolve("photo.jpg");

        CliRun run = CliRun.of("hash", "--threads", "2", dir.toString(), missing.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines().getFirst()).isEqualTo(HashCommandTest.HEADER);
        List<String[]> rows = run.rows();
        List<String> expectedOrder = new ArrayList<>(byPath.keySet().stream().sorted().toList());
        expectedOrder.add(missing.toString());
        assertThat(rows).extracting(row -> row[0]).containsExactlyElementsOf(expectedOrder);
        for (String[] row : rows) {
            assertThat(row).as(String.join("\t", row)).hasSize(3);
            assertThat(row[1]).isEqualTo("error");
            if (row[0].equals(missing.toString())) {
                assertThat(row[2]).isEqualTo("unreadable: no such file");
                continue;
            }
            Case c = byPath.get(row[0]);
            assertThat(row[2]).as(c.name()).startsWith(c.expected().label() + ": ");
            for (String word : c.messageMentions()) {
                assertThat(row[2]).as(c.name()).containsIgnoringCase(word);
            }
        }
        assertThat(run.err()).contains("tideline hash: " + rows.size() + " of " + rows.size()
                + " file(s) could not be hashed");
    }

    @Test
    void max_bytes_refuses_a_larger_file_as_too_large(@TempDir Path dir) {
        Case overLimit = HostileFiles.corpus().stream().filter(c -> c.name().equals("over-byte-limit.png"))
                .findFirst().orElseThrow();
        Path file = overLimit.writeTo(dir);

        CliRun run = CliRun.of("hash", "--max-bytes", String.valueOf(overLimit.limits().maxBytes()), file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).containsExactly(HashCommandTest.HEADER,
                file + "\terror\ttoo-large: file is over 1000 bytes, the limit");
    }

    @Test
    void max_pixels_refuses_a_larger_image_from_its_header() {
        Path photo = HashCommandTest.image("reg-test-input/dih/bridge-1-original.jpg");

        CliRun run = CliRun.of("hash", "--max-pixels", "1000", photo.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.rows().getFirst()[2]).startsWith("too-large: image header claims ")
                .endsWith("pixels, over the limit of 1000");
    }
}
