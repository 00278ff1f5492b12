package org.tideline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** One run of the {@code tideline} command line with stdout and stderr captured. */
record CliRun(int exitCode, String out, String err) {

    /** ../shared/testdata/pdq, read in place (relative to the module directory surefire runs in). */
    static final Path TESTDATA = Path.of("../../shared/testdata/pdq").toAbsolutePath().normalize();

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    List<String> lines() {
        return out.lines().toList();
    }

    /** The data lines of TSV output, split into fields (the header line skipped). */
    List<String[]> rows() {
        return lines().stream().skip(1).map(line -> line.split("\t", -1)).toList();
    }
}
