package org.tideline.server.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of a {@link JobRunner}.
 *
 * @param lease how long a claim holds without renewal; a runner started with {@link JobRunner#start()} renews the
 *     leases of the jobs it runs every third of this, so only a dead (or stalled) runner lets one expire
 * @param poll how often the worker looks for due jobs
 * @param backoff the delay before the second attempt after a handler threw; doubled for each further attempt
 * @param maxBackoff the longest such delay
 */
public record JobSettings(Duration lease, Duration poll, Duration backoff, Duration maxBackoff) {

    public JobSettings {
        for (Duration d : new Duration[] {lease, poll, backoff, maxBackoff}) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("job timings must be positive");
            }
        }
    }

    public static JobSettings defaults() {
        return new JobSettings(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(6));
    }

    public JobSettings withLease(Duration lease) {
        return new JobSettings(lease, poll, backoff, maxBackoff);
    }

    public JobSettings withPoll(Duration poll) {
        return new JobSettings(lease, poll, backoff, maxBackoff);
    }

    public JobSettings withBackoff(Duration backoff, Duration maxBackoff) {
        return new JobSettings(lease, poll, backoff, maxBackoff);
    }
}
