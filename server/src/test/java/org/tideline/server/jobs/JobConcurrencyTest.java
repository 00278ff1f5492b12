package org.tideline.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.server.TestDatabases;
import org.tideline.server.store.Database;
import org.tideline.server.store.DatabaseConfig;
import org.tideline.server.store.Sql;

/** Several runners on one database, and the worker thread with its lease heartbeat, in real time. */
class JobConcurrencyTest {

    private static final int JOBS = 300;

    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void two_runners_on_one_database_never_run_the_same_job_twice(TestDatabases.Engine engine) throws Exception {
        DatabaseConfig config = TestDatabases.fresh(engine, data);
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), java.time.ZoneOffset.UTC);
        Map<Long, Integer> runs = new ConcurrentHashMap<>();
        Map<Long, String> ranBy = new ConcurrentHashMap<>();
        // Two pools, as two server processes would have.
        try (Database first = Database.open(config); Database second = Database.open(config)) {
            List<JobRunner> runners = List.of(new JobRunner(first, clock), new JobRunner(second, clock));
            for (int r = 0; r < runners.size(); r++) {
                String name = "runner " + r;
                runners.get(r).register("notice", job -> {
                    runs.merge(job.id(), 1, Integer::sum);
                    ranBy.put(job.id(), name);
                    return Outcome.done();
                });
            }
            first.transaction(c -> {
                for (int i = 0; i < JOBS; i++) {
                    runners.get(0).schedule(c, NewJob.of("notice", "takedown:" + i, clock.instant()));
                }
                return null;
            });

            ExecutorService pool = Executors.newFixedThreadPool(runners.size());
            try {
                List<Future<?>> passes = new ArrayList<>();
                for (JobRunner runner : runners) {
                    passes.add(pool.submit(() -> {
                        while (first.transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM job WHERE state <> 'DONE'")) > 0) {
                            runner.runDue();
                        }
                        return null;
                    }));
                }
                for (Future<?> pass : passes) {
                    pass.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(runs).hasSize(JOBS);
            assertThat(runs.values()).as("each job ran exactly once").containsOnly(1);
            assertThat((long) first.transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM job WHERE state = 'DONE' AND attempts = 1")))
                    .isEqualTo((long) JOBS);
            assertThat(ranBy.values()).as("both runners took part").contains("runner 0", "runner 1");
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void the_worker_renews_the_lease_of_a_job_that_runs_longer_than_the_lease() throws Exception {
        // Renewed every third of the lease: a renewal must be late by two thirds (1.3 s) for the test to fail.
        Duration lease = Duration.ofSeconds(2);
        JobSettings settings = JobSettings.defaults().withLease(lease).withPoll(Duration.ofMillis(50));
        try (Database db = Database.open(DatabaseConfig.embedded(data));
                JobRunner worker = new JobRunner(db, Clock.systemUTC(), settings);
                JobRunner watcher = new JobRunner(db, Clock.systemUTC(), settings)) {
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            worker.register("notice", job -> {
                started.countDown();
                Thread.sleep(lease.multipliedBy(5).dividedBy(2));
                return Outcome.done();
            });
            watcher.register("notice", job -> Outcome.fail("the watcher must never get this job"));
            long id = worker.schedule(NewJob.of("notice", "takedown:1", Instant.now())).orElseThrow();
            worker.start();
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            // While it runs, another runner keeps looking for cut-off jobs and must find none.
            long until = System.nanoTime() + lease.multipliedBy(2).toNanos();
            while (System.nanoTime() < until) {
                watcher.runDue();
                assertThat(worker.job(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
                Thread.sleep(50);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (worker.job(id).orElseThrow().state() == JobState.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(worker.job(id).orElseThrow().state()).isEqualTo(JobState.DONE);
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void the_worker_outlives_a_handler_that_throws_an_error_and_leaves_that_job_to_its_lease() throws Exception {
        JobSettings settings = JobSettings.defaults().withPoll(Duration.ofMillis(50));
        try (Database db = Database.open(DatabaseConfig.embedded(data));
                JobRunner worker = new JobRunner(db, Clock.systemUTC(), settings)) {
            worker.register("broken", job -> {
                throw new StackOverflowError("a handler bug");
            });
            worker.register("notice", job -> Outcome.done());
            long broken = worker.schedule(NewJob.of("broken", "takedown:1", Instant.now().minusSeconds(1))).orElseThrow();
            long notice = worker.schedule(NewJob.of("notice", "takedown:2", Instant.now())).orElseThrow();
            worker.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (worker.job(notice).orElseThrow().state() != JobState.DONE && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(worker.job(notice).orElseThrow().state()).isEqualTo(JobState.DONE);
            assertThat(worker.job(broken).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        }
    }
}
