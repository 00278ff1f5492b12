package org.tideline.server.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import org.tideline.server.store.Database;
import org.tideline.server.store.DatabaseConfig;

/**
 * Run by {@link JobKillTest} in a JVM of its own, to be killed: runs the jobs of the embedded database in a data
 * directory with a runner whose {@code notice} handler appends {@code sent <job id>} to a file, prints
 * {@code in flight <job id>} and then sleeps as if a mail server were slow to answer.
 *
 * <p>Arguments: data directory, output file, lease in milliseconds.
 */
public final class JobChild {

    private JobChild() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path sent = Path.of(args[1]);
        JobSettings settings = JobSettings.defaults().withLease(Duration.ofMillis(Long.parseLong(args[2])))
                .withPoll(Duration.ofMillis(100));
        try (Database db = Database.open(DatabaseConfig.embedded(data));
                JobRunner runner = new JobRunner(db, Clock.systemUTC(), settings)) {
            runner.register("notice", job -> {
                Files.writeString(sent, "sent " + job.id() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                System.out.println("in flight " + job.id());
                System.out.flush();
                Thread.sleep(Duration.ofMinutes(10));
                return Outcome.done();
            });
            runner.start();
            System.out.println("started");
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(10));
        }
    }
}
