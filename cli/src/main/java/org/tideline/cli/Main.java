package org.tideline.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tideline} command: one subcommand per job, each in its own file. */
@Command(
        name = "tideline",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Hash, index and match images against known-abuse hash lists, and run the Tideline service.",
        subcommands = {
                HashCommand.class,
                IndexCommand.class, MatchCommand.class,
                ServeCommand.class, AdminCommand.class, AuditCommand.class, BankCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine commandLine = commandLine();
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
        }
    }

    /**
     * The command line, printing to stdout as UTF-8 whatever the locale, one write per line, so that each record
     * shows as soon as its file is done (a system call per line is nothing next to decoding an image). Tests
     * replace the writers with {@link CommandLine#setOut} and {@link CommandLine#setErr} to capture the output.
     */
    static CommandLine commandLine() {
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(stdout);
    }
}
