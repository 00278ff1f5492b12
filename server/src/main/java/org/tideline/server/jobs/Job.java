package org.tideline.server.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as stored.
 *
 * @param attempts runs started so far; while a handler runs, the number of this run (1 for the first)
 * @param lastError why the last run failed or was cut off, if it was
 */
public record Job(long id, String kind, String subject, String payload, Instant runAt, JobState state,
        boolean sideEffects, int attempts, int maxAttempts, Optional<String> lastError, Optional<String> dedupKey) {}
