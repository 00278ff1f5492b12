package org.tideline.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.store.Database;
import org.tideline.server.store.DatabaseConfig;

/**
 * The acceptance check "never sends a notice twice for the same attempt (test by killing it mid-run)": a separate
 * JVM runs the jobs of an embedded database file and is killed with SIGKILL ({@link Process#destroyForcibly}) while
 * its handler is in the middle of sending the first of two due notices. A runner started afterwards over the same
 * file, once the dead runner's lease has expired, must not send the first again (it is UNCERTAIN, and its hook
 * schedules the next attempt) and must send the second, which never started, exactly once.
 */
class JobKillTest {

    private static final Duration LEASE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void a_runner_killed_mid_notice_never_sends_it_again_and_its_successor_sends_the_waiting_one_once()
            throws Exception {
        Path data = dir.resolve("data");
        Path sent = dir.resolve("sent.txt");
        Instant now = Instant.now();
        long inFlight;
        long waiting;
        try (Database db = Database.open(DatabaseConfig.embedded(data));
                JobRunner scheduler = new JobRunner(db, Clock.systemUTC())) {
            inFlight = scheduler.schedule(NewJob.of("notice", "takedown:1", now.minusSeconds(120))
                    .withDedupKey("notice:1:attempt:1")).orElseThrow();
            waiting = scheduler.schedule(NewJob.of("notice", "takedown:2", now.minusSeconds(60))
                    .withDedupKey("notice:2:attempt:1")).orElseThrow();
        }

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), JobChild.class.getName(),
                data.toString(), sent.toString(), Long.toString(LEASE.toMillis()))
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        boolean killed = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.add(line);
                if (line.equals("in flight " + inFlight)) {
                    // Outlive at least one lease renewal, so the kill is not merely inside the first lease.
                    Thread.sleep(LEASE.toMillis());
                    child.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(killed).as("the child's output: %s", output).isTrue();
        assertThat(Files.readAllLines(sent)).containsExactly("sent " + inFlight);
        Thread.sleep(LEASE.plusMillis(500).toMillis());

        List<Long> uncertain = new CopyOnWriteArrayList<>();
        try (Database db = Database.open(DatabaseConfig.embedded(data));
                JobRunner successor = new JobRunner(db, Clock.systemUTC(), JobSettings.defaults().withLease(LEASE))) {
            assertThat(successor.job(inFlight).orElseThrow().state()).isEqualTo(JobState.RUNNING);
            assertThat(successor.job(waiting).orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
            successor.register("notice", job -> {
                Files.writeString(sent, "sent " + job.id() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                return Outcome.done();
            }, (c, job) -> {
                uncertain.add(job.id());
                successor.schedule(c, NewJob.of("notice", job.subject(), Instant.now().plus(Duration.ofHours(24)))
                        .withDedupKey("notice:1:attempt:2"));
            });

            assertThat(successor.runDue()).isEqualTo(1);
            assertThat(successor.runDue()).isZero();

            assertThat(Files.readAllLines(sent)).containsExactly("sent " + inFlight, "sent " + waiting);
            assertThat(successor.job(inFlight).orElseThrow().state()).isEqualTo(JobState.UNCERTAIN);
            assertThat(successor.job(waiting).orElseThrow().state()).isEqualTo(JobState.DONE);
            assertThat(uncertain).containsExactly(inFlight);
            assertThat(successor.jobs("takedown:1")).extracting(Job::state)
                    .containsExactly(JobState.UNCERTAIN, JobState.SCHEDULED);
        }
    }
}
