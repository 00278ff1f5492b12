package org.tideline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tideline} command: one subcommand per job, each in its own file. */
@Command(
        name = "tideline",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Hash, index and match images against known-abuse hash lists.",
        subcommands = {
                HashCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}
