package org.tideline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tideline bank import} and {@code tideline bank export} on an embedded database. */
class BankCommandTest {

    @TempDir
    Path dir;

    private String data;

    @BeforeEach
    void organisation() {
        data = dir.resolve("data").toString();
        assertThat(CliRun.of("admin", "create-org", "--data", data, "--name", "Hotline", "--type", "hotline").exitCode())
                .isZero();
    }

    @Test
    void import_lists_bad_rows_by_line_keeps_the_good_ones_and_exits_1() throws Exception {
        Path list = dir.resolve("list.csv");
        Files.writeString(list, "pdq,id\n" + pdq(1) + ",a\n" + pdq(2).substring(2) + ",b\nnot,c\n" + pdq(3) + ",d\n",
                StandardCharsets.US_ASCII);
        CliRun run = CliRun.of("bank", "import", "--data", data, "--org", "Hotline", "--bank", "LIST", "--create-bank",
                "--format", "csv", "--user", "tester", list.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("2 added, 0 already in the bank, 2 bad, 0 skipped");
        assertThat(run.out()).contains("line 3: pdq signal must be 64 hex digits, got 62");
        assertThat(run.out()).contains("line 4: pdq signal must be 64 hex digits, got 3");
        assertThat(run.out()).doesNotContain("not,c");

        CliRun again = CliRun.of("bank", "import", "--data", data, "--org", "Hotline", "--bank", "LIST",
                list.toString());
        assertThat(again.out()).contains("was already imported into LIST");
    }

    @Test
    void export_to_standard_output_imports_into_another_bank_unchanged() throws Exception {
        Path list = dir.resolve("list.tsv");
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < 2_500; i++) {
            tsv.append(pdq(i)).append('\n');
        }
        Files.writeString(list, tsv, StandardCharsets.US_ASCII);
        CliRun imported = CliRun.of("bank", "import", "--data", data, "--org", "Hotline", "--bank", "FIRST",
                "--create-bank", "--format", "tsv", "--type", "pdq", list.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2,500 added");

        CliRun exported = CliRun.of("bank", "export", "--data", data, "--org", "Hotline", "--bank", "FIRST");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.lines()).hasSize(2_501);
        assertThat(exported.err()).contains("exported 2,500 entries of FIRST");

        Path copy = dir.resolve("copy.csv");
        Files.writeString(copy, exported.out(), StandardCharsets.UTF_8);
        CliRun reimported = CliRun.of("bank", "import", "--data", data, "--org", "Hotline", "--bank", "SECOND",
                "--create-bank", copy.toString());
        assertThat(reimported.exitCode()).as(reimported.err()).isZero();
        assertThat(reimported.out()).contains("2,500 added");
        Path second = dir.resolve("second.csv");
        assertThat(CliRun.of("bank", "export", "--data", data, "--org", "Hotline", "--bank", "SECOND", "--out",
                second.toString()).exitCode()).isZero();
        assertThat(Files.readString(second)).isEqualTo(exported.out());
    }

    @Test
    void unknown_organisation_bank_or_format_exits_2() {
        assertThat(CliRun.of("bank", "export", "--data", data, "--org", "Nobody", "--bank", "X").err())
                .contains("no organisation named 'Nobody'");
        CliRun noBank = CliRun.of("bank", "export", "--data", data, "--org", "Hotline", "--bank", "MISSING");
        assertThat(noBank.exitCode()).isEqualTo(2);
        assertThat(noBank.err()).contains("no bank named 'MISSING'");
        assertThat(CliRun.of("bank", "import", "--data", data, "--org", "Hotline", "--bank", "X", "--format", "xls",
                "f.xls").exitCode()).isEqualTo(2);
    }

    /** A made-up PDQ hash (random bits, no image behind it). */
    private static String pdq(int seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        bytes[0] |= 1;
        return HexFormat.of().formatHex(bytes);
    }
}
