package org.tideline.server.jobs;

/** Where a job is in its life. {@link #DONE}, {@link #FAILED}, {@link #UNCERTAIN} and {@link #CANCELLED} are final. */
public enum JobState {
    /** Waiting for its {@code run_at}. */
    SCHEDULED,
    /** Claimed by a runner, whose lease says until when it answers for it. */
    RUNNING,
    /** The handler finished it. */
    DONE,
    /** The handler gave up, or it ran out of attempts. */
    FAILED,
    /**
     * A job with side effects whose runner died (or whose handler threw) while it ran: it may or may not have had
     * its effect, so it is not run again. The kind's {@link UncertainHook} decides what follows.
     */
    UNCERTAIN,
    /** Cancelled before it ran. */
    CANCELLED
}
