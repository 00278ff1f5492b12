package org.tideline.server.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tideline.server.store.Database;

/**
 * Runs durable background jobs: every job is a row of table {@code job}, so jobs survive restarts and several
 * processes can share one database.
 *
 * <p>A run is two commits around the handler. The claim (state RUNNING, this runner's lease, attempt + 1) commits
 * before the handler starts; the outcome commits after it returns, conditional on the claim still being this
 * runner's. Claims are optimistic ({@code UPDATE ... WHERE id = ? AND state = 'SCHEDULED'}): of several runners
 * racing for a job exactly one changes the row, the others see zero rows updated and move on.
 *
 * <p>A job found RUNNING with its lease expired was cut off: its runner died (or stalled longer than the lease)
 * somewhere between the two commits, and nothing can tell whether its effect happened. A job without side effects
 * (a removal re-check) is simply run again. A job with side effects (a notice) is never run again: it becomes
 * {@link JobState#UNCERTAIN} and its kind's {@link UncertainHook} runs in the same transaction, typically to
 * schedule the next attempt as a new job. That is at-most-once per attempt, which is what can be promised: a
 * notice handed to a mail server just before a crash cannot be told from one that was not, so exactly-once is not
 * on offer, and re-sending could send it twice. The next attempt (24 hours later for re-notices) makes up for a
 * lost one.
 *
 * <p>Time comes from the injected {@link Clock}: tests move it forward instead of sleeping. Leases compare the
 * clocks of different processes, so they must be much longer than the clock skew between servers (minutes, not
 * seconds, in production).
 *
 * <p>{@link #start()} runs one worker thread that handles due jobs one after another, and a heartbeat that renews
 * the leases of the job in hand; {@link #runDue()} is one pass on the caller's thread, without the heartbeat.
 */
public final class JobRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** Due jobs read per pass; more wait for the next pass. */
    private static final int PASS_LIMIT = 200;

    private record Kind(JobHandler handler, Optional<UncertainHook> onUncertain) {}

    private final Database db;
    private final Clock clock;
    private final JobSettings settings;
    /** Names this runner in lease_owner: unique per instance, so a restarted process never mistakes an old claim for its own. */
    private final String owner;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    /** Ids of the jobs this runner is running now, for the heartbeat. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();
    private volatile boolean closed;
    private Thread worker;
    private Thread heartbeat;

    public JobRunner(Database db, Clock clock) {
        this(db, clock, JobSettings.defaults());
    }

    public JobRunner(Database db, Clock clock, JobSettings settings) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.owner = "runner-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** Runs jobs of {@code kind} with {@code handler}; a job with side effects cut off mid-run is only marked UNCERTAIN. */
    public JobRunner register(String kind, JobHandler handler) {
        return register(kind, Optional.empty(), handler);
    }

    /** As {@link #register(String, JobHandler)}, calling {@code onUncertain} when a job of this kind becomes UNCERTAIN. */
    public JobRunner register(String kind, JobHandler handler, UncertainHook onUncertain) {
        return register(kind, Optional.of(onUncertain), handler);
    }

    private JobRunner register(String kind, Optional<UncertainHook> onUncertain, JobHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (kinds.putIfAbsent(Objects.requireNonNull(kind, "kind"), new Kind(handler, onUncertain)) != null) {
            throw new IllegalStateException("a handler for job kind " + kind + " is registered already");
        }
        return this;
    }

    /**
     * Schedules {@code job} inside the caller's transaction, so that it exists if and only if the business change
     * that called for it commits. Empty when its dedup key exists already (then nothing changed).
     */
    public Optional<Long> schedule(Connection c, NewJob job) throws SQLException {
        return JobStore.insert(c, job, clock.instant());
    }

    /** Schedules {@code job} in a transaction of its own. */
    public Optional<Long> schedule(NewJob job) {
        return db.transaction(c -> schedule(c, job));
    }

    /**
     * Cancels the jobs of {@code kind} about {@code subject} that have not started; returns how many. A job already
     * running finishes: handlers re-read the business state they act on (a takedown removed meanwhile) for that.
     */
    public int cancel(Connection c, String subject, String kind) throws SQLException {
        return JobStore.cancel(c, subject, kind, clock.instant());
    }

    public Optional<Job> job(long id) {
        return db.transaction(c -> JobStore.find(c, id));
    }

    /** Every job about {@code subject}, oldest first: its history for an analyst or an operator. */
    public List<Job> jobs(String subject) {
        return db.transaction(c -> JobStore.bySubject(c, subject));
    }

    /** Starts the worker thread and the lease heartbeat. */
    public synchronized void start() {
        if (worker != null || closed) {
            throw new IllegalStateException("the job runner was started or closed already");
        }
        worker = Thread.ofPlatform().daemon().name("tideline-jobs").start(this::workLoop);
        heartbeat = Thread.ofPlatform().daemon().name("tideline-jobs-lease").start(this::heartbeatLoop);
    }

    /**
     * One pass: settles jobs whose lease expired, then claims and runs the jobs due now, one at a time. Jobs that
     * become due during the pass (a retry without delay) wait for the next. Returns how many jobs were run.
     */
    public int runDue() {
        if (kinds.isEmpty()) {
            return 0;
        }
        recoverExpired();
        Set<String> known = Set.copyOf(kinds.keySet());
        List<Long> due = db.transaction(c -> JobStore.due(c, known, clock.instant(), PASS_LIMIT));
        int ran = 0;
        for (long id : due) {
            if (closed) {
                break;
            }
            Optional<Job> claimed = claim(id);
            if (claimed.isPresent()) {
                run(claimed.get());
                ran++;
            }
        }
        return ran;
    }

    /** Stops taking jobs and waits (up to one lease) for the job in hand to finish. */
    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        Thread w;
        Thread h;
        synchronized (this) {
            w = worker;
            h = heartbeat;
        }
        try {
            if (w != null) {
                w.join(settings.lease().toMillis());
            }
            if (h != null) {
                h.interrupt();
                h.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Job> claim(long id) {
        Instant now = clock.instant();
        return db.transaction(c -> JobStore.claim(c, id, owner, now.plus(settings.lease()), now)
                ? JobStore.find(c, id) : Optional.<Job>empty());
    }

    private void run(Job job) {
        Kind kind = kinds.get(job.kind());
        inFlight.add(job.id());
        try {
            Outcome outcome;
            try {
                outcome = Objects.requireNonNull(kind.handler().handle(job), "the handler returned no outcome");
            } catch (Exception e) {
                LOG.warn("job {} ({} {}) attempt {} threw", job.id(), job.kind(), job.subject(), job.attempts(), e);
                settleThrown(job, kind, e);
                return;
            }
            settle(job, outcome);
        } catch (RuntimeException e) {
            // The outcome did not commit (database gone, a hook failed). The job stays RUNNING and, no longer
            // renewed, its lease expires: from then on it is a cut-off job like any other.
            LOG.error("could not record the outcome of job {} ({}); it will be treated as cut off", job.id(),
                    job.kind(), e);
        } finally {
            inFlight.remove(job.id());
        }
    }

    private void settle(Job job, Outcome outcome) {
        Instant now = clock.instant();
        boolean kept = db.transaction(c -> switch (outcome) {
            case Outcome.Done d -> {
                boolean ok = JobStore.settle(c, job.id(), owner, job.attempts(), JobState.DONE, job.runAt(), false,
                        null, now);
                if (ok) {
                    for (NewJob next : d.next()) {
                        JobStore.insert(c, next, now);
                    }
                }
                yield ok;
            }
            case Outcome.Reschedule r -> JobStore.settle(c, job.id(), owner, job.attempts(), JobState.SCHEDULED,
                    r.at(), true, null, now);
            case Outcome.Retry r -> job.attempts() >= job.maxAttempts()
                    ? JobStore.settle(c, job.id(), owner, job.attempts(), JobState.FAILED, job.runAt(), false,
                            "out of attempts: " + r.reason(), now)
                    : JobStore.settle(c, job.id(), owner, job.attempts(), JobState.SCHEDULED, now.plus(r.after()),
                            false, r.reason(), now);
            case Outcome.Fail f -> JobStore.settle(c, job.id(), owner, job.attempts(), JobState.FAILED, job.runAt(),
                    false, f.reason(), now);
        });
        warnIfLost(job, kept);
    }

    /** A handler that throws may have had its effect already, so only a job without side effects is retried. */
    private void settleThrown(Job job, Kind kind, Exception e) {
        Instant now = clock.instant();
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean kept = db.transaction(c -> {
            if (job.sideEffects()) {
                boolean ok = JobStore.settle(c, job.id(), owner, job.attempts(), JobState.UNCERTAIN, job.runAt(),
                        false, "the handler threw; its effect may have happened: " + error, now);
                if (ok && kind.onUncertain().isPresent()) {
                    kind.onUncertain().get().onUncertain(c, JobStore.find(c, job.id()).orElseThrow());
                }
                return ok;
            }
            if (job.attempts() >= job.maxAttempts()) {
                return JobStore.settle(c, job.id(), owner, job.attempts(), JobState.FAILED, job.runAt(), false,
                        "out of attempts: " + error, now);
            }
            return JobStore.settle(c, job.id(), owner, job.attempts(), JobState.SCHEDULED,
                    now.plus(backoff(job.attempts())), false, error, now);
        });
        warnIfLost(job, kept);
    }

    private void warnIfLost(Job job, boolean kept) {
        if (!kept) {
            // Another runner found the lease expired and settled the job: it is UNCERTAIN (side effects) or was
            // handed out again; this run's outcome must not overwrite that.
            LOG.warn("job {} ({}) ran past its lease; its outcome was dropped", job.id(), job.kind());
        }
    }

    /** {@code backoff} doubled for each attempt after the first, up to {@code maxBackoff}. */
    Duration backoff(int attempt) {
        int doublings = Math.clamp(attempt - 1, 0, 30);
        Duration d = settings.backoff().multipliedBy(1L << doublings);
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    /** Settles each cut-off job of a known kind in its own transaction, so one failing hook does not hold up the rest. */
    private void recoverExpired() {
        Set<String> known = Set.copyOf(kinds.keySet());
        for (JobStore.Expired expired : db.transaction(c -> JobStore.expired(c, known, clock.instant()))) {
            try {
                db.transaction(c -> recover(c, expired));
            } catch (RuntimeException e) {
                LOG.error("could not settle cut-off job {} ({}); will try again", expired.job().id(),
                        expired.job().kind(), e);
            }
        }
    }

    private boolean recover(Connection c, JobStore.Expired expired) throws SQLException {
        Job job = expired.job();
        Instant now = clock.instant();
        String cutOff = "cut off: the lease of " + expired.owner() + " on attempt " + job.attempts() + " expired";
        if (job.sideEffects()) {
            if (!JobStore.settleExpired(c, expired, JobState.UNCERTAIN, cutOff, now)) {
                return false;
            }
            LOG.warn("job {} ({} {}) was cut off mid-run and is not run again: UNCERTAIN", job.id(), job.kind(),
                    job.subject());
            Optional<UncertainHook> hook = kinds.get(job.kind()).onUncertain();
            if (hook.isPresent()) {
                hook.get().onUncertain(c, JobStore.find(c, job.id()).orElseThrow());
            }
            return true;
        }
        JobState next = job.attempts() >= job.maxAttempts() ? JobState.FAILED : JobState.SCHEDULED;
        return JobStore.settleExpired(c, expired, next, cutOff, now);
    }

    private void workLoop() {
        while (!closed) {
            try {
                runDue();
            } catch (RuntimeException | Error e) {
                // Also an Error from a handler: the worker must outlive it. The job it was running stays RUNNING,
                // its lease expires, and it is settled as cut off.
                LOG.error("job pass failed; trying again in {}", settings.poll(), e);
            }
            synchronized (wake) {
                if (!closed) {
                    try {
                        wake.wait(settings.poll().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void heartbeatLoop() {
        long every = Math.max(1, settings.lease().toMillis() / 3);
        while (!closed || !inFlight.isEmpty()) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            Set<Long> ids = Set.copyOf(inFlight);
            if (!ids.isEmpty()) {
                try {
                    db.transaction(c -> JobStore.renew(c, owner, ids, clock.instant().plus(settings.lease())));
                } catch (RuntimeException e) {
                    LOG.warn("could not renew the leases of jobs {}", ids, e);
                }
            }
        }
    }
}
