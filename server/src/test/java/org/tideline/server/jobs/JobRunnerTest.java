package org.tideline.server.jobs;

import org.tideline.server.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.server.TestDatabases;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/** Scheduling, running, retrying, rescheduling, cancelling and cut-off runs, on the embedded H2 and on PostgreSQL. */
class JobRunnerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final JobSettings SETTINGS = JobSettings.defaults().withLease(Duration.ofMinutes(5))
            .withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(10));

    @TempDir
    Path data;

    private final MovableClock clock = new MovableClock(T0);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private Database database(TestDatabases.Engine engine) {
        Database db = Database.open(TestDatabases.fresh(engine, data));
        open.add(db);
        return db;
    }

    private JobRunner runner(Database db) {
        JobRunner runner = new JobRunner(db, clock, SETTINGS);
        open.add(runner);
        return runner;
    }

    private static JobState state(JobRunner runner, long id) {
        return runner.job(id).orElseThrow().state();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void runs_a_job_when_it_is_due_and_not_before(TestDatabases.Engine engine) {
        JobRunner runner = runner(database(engine));
        List<Job> ran = new CopyOnWriteArrayList<>();
        runner.register("recheck", job -> {
            ran.add(job);
            return Outcome.done();
        });
        long id = runner.schedule(NewJob.of("recheck", "takedown:42", T0.plus(Duration.ofHours(1)))
                .withPayload("{\"url\":7}").withoutSideEffects()).orElseThrow();

        assertThat(runner.runDue()).isZero();
        clock.advance(Duration.ofMinutes(59));
        assertThat(runner.runDue()).isZero();
        assertThat(state(runner, id)).isEqualTo(JobState.SCHEDULED);

        clock.advance(Duration.ofMinutes(1));
        assertThat(runner.runDue()).isEqualTo(1);
        assertThat(ran).singleElement().satisfies(job -> {
            assertThat(job.payload()).isEqualTo("{\"url\":7}");
            assertThat(job.subject()).isEqualTo("takedown:42");
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.state()).isEqualTo(JobState.RUNNING);
        });
        assertThat(state(runner, id)).isEqualTo(JobState.DONE);
        assertThat(runner.runDue()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_throwing_handler_of_a_job_without_side_effects_is_retried_with_doubling_back_off_then_fails(
            TestDatabases.Engine engine) {
        JobRunner runner = runner(database(engine));
        AtomicInteger calls = new AtomicInteger();
        runner.register("recheck", job -> {
            calls.incrementAndGet();
            throw new IllegalStateException("host unreachable");
        });
        long id = runner.schedule(NewJob.of("recheck", "takedown:1", T0).withoutSideEffects().withMaxAttempts(3))
                .orElseThrow();

        assertThat(runner.runDue()).isEqualTo(1);
        Job afterFirst = runner.job(id).orElseThrow();
        assertThat(afterFirst.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(afterFirst.runAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(afterFirst.lastError()).hasValueSatisfying(e -> assertThat(e).contains("host unreachable"));

        clock.advance(Duration.ofMinutes(1));
        assertThat(runner.runDue()).isEqualTo(1);
        assertThat(runner.job(id).orElseThrow().runAt()).as("second back-off is twice the first")
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(1));
        assertThat(runner.runDue()).as("not due yet").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(runner.runDue()).isEqualTo(1);
        Job last = runner.job(id).orElseThrow();
        assertThat(last.state()).isEqualTo(JobState.FAILED);
        assertThat(last.attempts()).isEqualTo(3);
        assertThat(last.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("out of attempts"));

        clock.advance(Duration.ofDays(1));
        assertThat(runner.runDue()).isZero();
        assertThat(calls).hasValue(3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_retry_outcome_waits_as_asked_and_counts_towards_the_attempts(TestDatabases.Engine engine) {
        JobRunner runner = runner(database(engine));
        runner.register("notice", job -> Outcome.retry(Duration.ofMinutes(30), "mail server refused the connection"));
        long id = runner.schedule(NewJob.of("notice", "takedown:2", T0).withMaxAttempts(2)).orElseThrow();

        runner.runDue();
        assertThat(runner.job(id).orElseThrow().runAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(state(runner, id)).isEqualTo(JobState.SCHEDULED);
        clock.advance(Duration.ofMinutes(30));
        runner.runDue();
        assertThat(state(runner, id)).isEqualTo(JobState.FAILED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_fail_outcome_ends_the_job_at_once(TestDatabases.Engine engine) {
        JobRunner runner = runner(database(engine));
        runner.register("retrace", job -> Outcome.fail("no such host"));
        long id = runner.schedule(NewJob.of("retrace", "takedown:3", T0)).orElseThrow();
        runner.runDue();
        Job job = runner.job(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.lastError()).contains("no such host");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_rescheduled_job_runs_again_at_its_new_time_with_its_attempts_counted_afresh(TestDatabases.Engine engine) {
        JobRunner runner = runner(database(engine));
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        runner.register("recheck", job -> {
            attempts.add(job.attempts());
            return attempts.size() < 3 ? Outcome.reschedule(job.runAt().plus(Duration.ofDays(1))) : Outcome.done();
        });
        long id = runner.schedule(NewJob.of("recheck", "takedown:4", T0).withoutSideEffects().withMaxAttempts(1))
                .orElseThrow();

        assertThat(runner.runDue()).as("a reschedule to now waits for the next pass").isEqualTo(1);
        assertThat(runner.job(id).orElseThrow().runAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
        assertThat(state(runner, id)).isEqualTo(JobState.SCHEDULED);
        clock.advance(Duration.ofHours(23));
        assertThat(runner.runDue()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(runner.runDue()).isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        assertThat(runner.runDue()).isEqualTo(1);
        assertThat(attempts).as("one attempt allowed, and each run was the first attempt").containsExactly(1, 1, 1);
        assertThat(state(runner, id)).isEqualTo(JobState.DONE);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void done_with_follow_ups_schedules_them_with_their_dedup_keys(TestDatabases.Engine engine) {
        JobRunner runner = runner(database(engine));
        runner.register("notice", job -> {
            int attempt = Integer.parseInt(job.payload());
            NewJob next = NewJob.of("notice", job.subject(), job.runAt().plus(Duration.ofHours(24)))
                    .withPayload(Integer.toString(attempt + 1)).withDedupKey(job.subject() + ":attempt:" + (attempt + 1));
            return attempt < 3 ? Outcome.doneThen(next) : Outcome.done();
        });
        runner.schedule(NewJob.of("notice", "notice:42", T0).withPayload("1").withDedupKey("notice:42:attempt:1"));

        for (int day = 0; day < 5; day++) {
            runner.runDue();
            clock.advance(Duration.ofHours(24));
        }
        assertThat(runner.jobs("notice:42")).extracting(Job::payload, Job::state, j -> j.dedupKey().orElseThrow())
                .containsExactly(
                        tuple("1", JobState.DONE, "notice:42:attempt:1"),
                        tuple("2", JobState.DONE, "notice:42:attempt:2"),
                        tuple("3", JobState.DONE, "notice:42:attempt:3"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void scheduling_an_existing_dedup_key_changes_nothing(TestDatabases.Engine engine) {
        Database db = database(engine);
        JobRunner runner = runner(db);
        NewJob notice = NewJob.of("notice", "takedown:5", T0).withDedupKey("notice:5:attempt:3");
        long first = runner.schedule(notice).orElseThrow();
        assertThat(runner.schedule(notice.at(T0.plus(Duration.ofDays(2))).withPayload("other"))).isEmpty();
        // Inside a transaction that goes on afterwards: the duplicate must not abort it (it would on PostgreSQL
        // if the insert failed on the unique constraint).
        long other = db.transaction(c -> {
            assertThat(runner.schedule(c, notice)).isEmpty();
            return runner.schedule(c, NewJob.of("notice", "takedown:6", T0)).orElseThrow();
        });
        assertThat(runner.jobs("takedown:5")).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo(first);
            assertThat(job.runAt()).isEqualTo(T0);
            assertThat(job.payload()).isEmpty();
        });
        assertThat(runner.job(other)).isPresent();
        assertThat(runner.schedule(NewJob.of("notice", "takedown:5", T0))).as("no key, no dedup").isPresent();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_job_scheduled_in_a_transaction_that_rolls_back_does_not_exist(TestDatabases.Engine engine) {
        Database db = database(engine);
        JobRunner runner = runner(db);
        runner.register("notice", job -> Outcome.done());
        try {
            db.transaction(c -> {
                runner.schedule(c, NewJob.of("notice", "takedown:7", T0));
                throw new IllegalStateException("the business change failed");
            });
        } catch (IllegalStateException expected) {
            // the job goes with it
        }
        assertThat(runner.jobs("takedown:7")).isEmpty();
        assertThat(runner.runDue()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void cancel_stops_the_waiting_jobs_of_that_subject_and_kind_only(TestDatabases.Engine engine) {
        Database db = database(engine);
        JobRunner runner = runner(db);
        List<String> ran = new CopyOnWriteArrayList<>();
        runner.register("notice", job -> {
            ran.add(job.kind() + " " + job.subject());
            return Outcome.done();
        });
        runner.register("recheck", job -> {
            ran.add(job.kind() + " " + job.subject());
            return Outcome.done();
        });
        runner.schedule(NewJob.of("notice", "takedown:8", T0.plus(Duration.ofHours(1))));
        runner.schedule(NewJob.of("recheck", "takedown:8", T0.plus(Duration.ofHours(1))));
        runner.schedule(NewJob.of("notice", "takedown:9", T0.plus(Duration.ofHours(1))));

        assertThat((int) db.transaction(c -> runner.cancel(c, "takedown:8", "notice"))).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        runner.runDue();
        assertThat(ran).containsExactlyInAnyOrder("recheck takedown:8", "notice takedown:9");
        assertThat(runner.jobs("takedown:8")).extracting(Job::kind, Job::state).containsExactly(
                tuple("notice", JobState.CANCELLED),
                tuple("recheck", JobState.DONE));
        assertThat((int) db.transaction(c -> runner.cancel(c, "takedown:8", "recheck"))).as("done is done").isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_job_with_side_effects_cut_off_mid_run_becomes_uncertain_is_not_run_again_and_calls_its_hook(
            TestDatabases.Engine engine) {
        Database db = database(engine);
        JobRunner runner = runner(db);
        AtomicInteger sent = new AtomicInteger();
        runner.register("notice", job -> {
            sent.incrementAndGet();
            return Outcome.done();
        }, (c, job) -> runner.schedule(c, NewJob.of("notice", job.subject(), clock.instant().plus(Duration.ofHours(24)))
                .withDedupKey(job.subject() + ":attempt:2")));
        long id = runner.schedule(NewJob.of("notice", "takedown:10", T0).withDedupKey("takedown:10:attempt:1"))
                .orElseThrow();
        claimAsADeadRunner(db, id);

        assertThat(runner.runDue()).as("the lease has not expired: the dead runner might still be alive").isZero();
        assertThat(state(runner, id)).isEqualTo(JobState.RUNNING);
        clock.advance(SETTINGS.lease().plusSeconds(1));
        assertThat(runner.runDue()).isZero();
        Job job = runner.job(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.UNCERTAIN);
        assertThat(job.lastError()).hasValueSatisfying(e -> assertThat(e).contains("runner-dead"));
        assertThat(sent).hasValue(0);
        assertThat(runner.jobs("takedown:10")).extracting(j -> j.dedupKey().orElseThrow(), Job::state).containsExactly(
                tuple("takedown:10:attempt:1", JobState.UNCERTAIN),
                tuple("takedown:10:attempt:2", JobState.SCHEDULED));

        clock.advance(Duration.ofHours(24));
        assertThat(runner.runDue()).as("the next attempt runs").isEqualTo(1);
        assertThat(sent).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_job_without_side_effects_cut_off_mid_run_is_run_again(TestDatabases.Engine engine) {
        Database db = database(engine);
        JobRunner runner = runner(db);
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        runner.register("recheck", job -> {
            attempts.add(job.attempts());
            return Outcome.done();
        });
        long id = runner.schedule(NewJob.of("recheck", "takedown:11", T0).withoutSideEffects()).orElseThrow();
        claimAsADeadRunner(db, id);

        clock.advance(SETTINGS.lease().plusSeconds(1));
        assertThat(runner.runDue()).isEqualTo(1);
        assertThat(attempts).as("the cut-off run was attempt 1").containsExactly(2);
        assertThat(state(runner, id)).isEqualTo(JobState.DONE);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_job_without_side_effects_cut_off_on_its_last_attempt_fails(TestDatabases.Engine engine) {
        Database db = database(engine);
        JobRunner runner = runner(db);
        runner.register("recheck", job -> Outcome.done());
        long id = runner.schedule(NewJob.of("recheck", "takedown:12", T0).withoutSideEffects().withMaxAttempts(1))
                .orElseThrow();
        claimAsADeadRunner(db, id);
        clock.advance(SETTINGS.lease().plusSeconds(1));
        assertThat(runner.runDue()).isZero();
        assertThat(state(runner, id)).isEqualTo(JobState.FAILED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_handler_of_a_job_with_side_effects_that_throws_leaves_it_uncertain(TestDatabases.Engine engine) {
        JobRunner runner = runner(database(engine));
        List<Long> hooked = new CopyOnWriteArrayList<>();
        runner.register("notice", job -> {
            throw new java.io.IOException("connection reset after DATA");
        }, (c, job) -> hooked.add(job.id()));
        long id = runner.schedule(NewJob.of("notice", "takedown:13", T0)).orElseThrow();
        runner.runDue();
        clock.advance(Duration.ofDays(1));
        runner.runDue();
        Job job = runner.job(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.UNCERTAIN);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.lastError()).hasValueSatisfying(e -> assertThat(e).contains("connection reset after DATA"));
        assertThat(hooked).containsExactly(id);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_run_that_outlives_its_lease_cannot_overwrite_what_another_runner_decided(TestDatabases.Engine engine) {
        Database db = database(engine);
        JobRunner other = runner(db);
        other.register("notice", job -> Outcome.done());
        JobRunner slow = runner(db);
        AtomicInteger otherRan = new AtomicInteger();
        slow.register("notice", job -> {
            // Stalled past the lease (a long GC pause, a hung connection): another runner finds it cut off.
            clock.advance(SETTINGS.lease().plusSeconds(1));
            otherRan.addAndGet(other.runDue());
            return Outcome.done();
        });
        long id = slow.schedule(NewJob.of("notice", "takedown:14", T0)).orElseThrow();
        slow.runDue();
        assertThat(otherRan).hasValue(0);
        assertThat(state(slow, id)).isEqualTo(JobState.UNCERTAIN);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_runner_leaves_jobs_of_kinds_it_has_no_handler_for(TestDatabases.Engine engine) {
        Database db = database(engine);
        JobRunner runner = runner(db);
        runner.register("recheck", job -> Outcome.done());
        long id = runner.schedule(NewJob.of("retrace", "takedown:15", T0)).orElseThrow();
        claimAsADeadRunner(db, runner.schedule(NewJob.of("notice", "takedown:15", T0)).orElseThrow());
        clock.advance(SETTINGS.lease().plusSeconds(1));
        assertThat(runner.runDue()).isZero();
        assertThat(runner.jobs("takedown:15")).extracting(Job::state)
                .containsExactly(JobState.SCHEDULED, JobState.RUNNING);
        assertThat(state(runner, id)).isEqualTo(JobState.SCHEDULED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void jobs_scheduled_before_a_restart_run_in_the_new_process(TestDatabases.Engine engine) {
        var config = TestDatabases.fresh(engine, data);
        long id;
        try (Database db = Database.open(config); JobRunner before = new JobRunner(db, clock, SETTINGS)) {
            before.register("recheck", job -> Outcome.done());
            id = before.schedule(NewJob.of("recheck", "takedown:16", T0.plus(Duration.ofHours(2)))
                    .withoutSideEffects()).orElseThrow();
            assertThat(before.runDue()).isZero();
        }
        clock.advance(Duration.ofHours(2));
        try (Database db = Database.open(config); JobRunner after = new JobRunner(db, clock, SETTINGS)) {
            List<Long> ran = new CopyOnWriteArrayList<>();
            after.register("recheck", job -> {
                ran.add(job.id());
                return Outcome.done();
            });
            assertThat(after.runDue()).isEqualTo(1);
            assertThat(ran).containsExactly(id);
            assertThat(state(after, id)).isEqualTo(JobState.DONE);
        }
    }

    @Test
    void back_off_doubles_from_the_first_delay_up_to_the_longest() {
        JobRunner runner = new JobRunner(database(TestDatabases.Engine.H2), clock, SETTINGS);
        assertThat(runner.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(runner.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(runner.backoff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(runner.backoff(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(runner.backoff(1_000)).isEqualTo(Duration.ofMinutes(10));
    }

    /** What a runner leaves behind when it is killed right after its claim committed. */
    private void claimAsADeadRunner(Database db, long id) {
        db.transaction(c -> Sql.update(c, "UPDATE job SET state = 'RUNNING', lease_owner = 'runner-dead',"
                + " lease_until = ?, attempts = attempts + 1 WHERE id = ?", clock.instant().plus(SETTINGS.lease()), id));
    }
}
