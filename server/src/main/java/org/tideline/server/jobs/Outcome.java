package org.tideline.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a handler says happened; committed after the run, in one transaction with any follow-up jobs. */
public sealed interface Outcome {

    /**
     * Finished. {@code next} are scheduled in the same transaction that marks this job done, so a follow-up (the
     * next re-notice, as a job of its own with its own dedup key) is never lost nor doubled by a crash between.
     */
    record Done(List<NewJob> next) implements Outcome {
        public Done {
            next = List.copyOf(next);
        }
    }

    /**
     * Run again after {@code after}, as another attempt; the job fails once it has used its attempts. A handler of
     * a job with side effects answers this only when it knows the effect did not happen (connection refused).
     */
    record Retry(Duration after, String reason) implements Outcome {
        public Retry {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(reason, "reason");
            if (after.isNegative()) {
                throw new IllegalArgumentException("negative delay");
            }
        }
    }

    /**
     * This run succeeded and the same job runs again at {@code at} with its attempts counted afresh: for repeating
     * work without side effects ("check again tomorrow"). Repeating side effects are better follow-up jobs
     * ({@link Done#next}), so that a crash makes one attempt uncertain and leaves a record per attempt.
     */
    record Reschedule(Instant at) implements Outcome {
        public Reschedule {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Give up for good. */
    record Fail(String reason) implements Outcome {
        public Fail {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Outcome done() {
        return new Done(List.of());
    }

    static Outcome doneThen(NewJob... next) {
        return new Done(List.of(next));
    }

    static Outcome retry(Duration after, String reason) {
        return new Retry(after, reason);
    }

    static Outcome reschedule(Instant at) {
        return new Reschedule(at);
    }

    static Outcome fail(String reason) {
        return new Fail(reason);
    }
}
