package org.tideline.server.jobs;

/**
 * Runs one kind of job. Called after the claim has committed and outside any transaction: a handler opens its own
 * to read the business state it acts on (a takedown already removed needs no notice) and to record what it did.
 *
 * <p>A handler that throws is treated as {@link Outcome.Retry} with back-off when the job has no side effects, and
 * as a crash (the job becomes {@link JobState#UNCERTAIN}) when it has: the runner cannot tell whether the notice
 * left before the exception did.
 */
@FunctionalInterface
public interface JobHandler {
    Outcome handle(Job job) throws Exception;
}
