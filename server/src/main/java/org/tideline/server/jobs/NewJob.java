package org.tideline.server.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job to schedule. {@link #of} makes one with side effects (run at most once) because forgetting to say so must
 * not send a notice twice; a pure re-check says {@link #withoutSideEffects()} to be re-run after a crash.
 *
 * @param kind the handler that runs it, e.g. {@code hotline.notice}
 * @param subject what it is about, e.g. {@code takedown:42}
 * @param payload small text or JSON for the handler (up to {@value #MAX_PAYLOAD} characters); never media
 * @param dedupKey when present, scheduling a job with a key that exists already does nothing
 */
public record NewJob(String kind, String subject, String payload, Instant runAt, boolean sideEffects,
        int maxAttempts, Optional<String> dedupKey) {

    public static final int MAX_PAYLOAD = 4000;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public NewJob {
        Objects.requireNonNull(runAt, "runAt");
        Objects.requireNonNull(dedupKey, "dedupKey");
        requireText(kind, "kind", 100);
        requireText(subject, "subject", 200);
        Objects.requireNonNull(payload, "payload");
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload longer than " + MAX_PAYLOAD + " characters");
        }
        dedupKey.ifPresent(k -> requireText(k, "dedupKey", 200));
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** A job with side effects, no payload, {@value #DEFAULT_MAX_ATTEMPTS} attempts and no dedup key. */
    public static NewJob of(String kind, String subject, Instant runAt) {
        return new NewJob(kind, subject, "", runAt, true, DEFAULT_MAX_ATTEMPTS, Optional.empty());
    }

    public NewJob withPayload(String payload) {
        return new NewJob(kind, subject, payload, runAt, sideEffects, maxAttempts, dedupKey);
    }

    /** Safe to run again when its runner died mid-run (a check that only reads and records). */
    public NewJob withoutSideEffects() {
        return new NewJob(kind, subject, payload, runAt, false, maxAttempts, dedupKey);
    }

    public NewJob withMaxAttempts(int maxAttempts) {
        return new NewJob(kind, subject, payload, runAt, sideEffects, maxAttempts, dedupKey);
    }

    public NewJob withDedupKey(String dedupKey) {
        return new NewJob(kind, subject, payload, runAt, sideEffects, maxAttempts, Optional.of(dedupKey));
    }

    public NewJob at(Instant runAt) {
        return new NewJob(kind, subject, payload, runAt, sideEffects, maxAttempts, dedupKey);
    }

    private static void requireText(String text, String name, int max) {
        Objects.requireNonNull(text, name);
        if (text.isBlank() || text.length() > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + " characters");
        }
    }
}
