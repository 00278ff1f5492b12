package org.tideline.server.match;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spots an entry whose match rate spikes far above its own history, the sign of a bad hash (a near-flat image, a
 * logo, a meme template) flooding a platform with false positives, and has it quarantined so it stops matching
 * until a curator looks.
 *
 * <p>Per entry it keeps the count of the current minute and an exponentially weighted mean of past minutes
 * (weight 1/60: about an hour of memory). The guard trips when a minute's count exceeds both
 * {@link Settings#minimumPerMinute()} and {@link Settings#factor()} times the mean. Only entries that match at all
 * are tracked; quarantine runs on a background thread so the lookup that tripped it is not slowed.
 */
public final class FloodGuard implements AutoCloseable {

    /**
     * @param minimumPerMinute matches in one minute below which an entry is never quarantined
     * @param factor how many times its usual rate an entry must reach
     */
    public record Settings(int minimumPerMinute, double factor) {
        public static Settings defaults() {
            return new Settings(500, 20.0);
        }

        /** Never trips. */
        public static Settings off() {
            return new Settings(Integer.MAX_VALUE, Double.POSITIVE_INFINITY);
        }
    }

    /** What to do when an entry floods. */
    @FunctionalInterface
    public interface Quarantine {
        void quarantine(long contentId, String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FloodGuard.class);
    private static final double WEIGHT = 1.0 / 60;
    private static final int TRACKED_LIMIT = 200_000;

    private final Settings settings;
    private final Quarantine quarantine;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Rate> rates = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("tideline-flood-guard").factory());

    FloodGuard(Settings settings, Quarantine quarantine, Clock clock) {
        this.settings = settings;
        this.quarantine = quarantine;
        this.clock = clock;
    }

    void record(long contentId) {
        if (settings.minimumPerMinute() == Integer.MAX_VALUE) {
            return;
        }
        if (rates.size() > TRACKED_LIMIT) {
            rates.clear();
        }
        long minute = clock.millis() / 60_000;
        Rate rate = rates.computeIfAbsent(contentId, k -> new Rate(minute));
        String reason = rate.count(minute, settings);
        if (reason != null) {
            LOG.warn("entry {} quarantined: {}", contentId, reason);
            worker.execute(() -> {
                try {
                    quarantine.quarantine(contentId, reason);
                } catch (RuntimeException e) {
                    LOG.error("quarantining entry {} failed: {}", contentId, e.toString());
                }
            });
        }
    }

    /** One entry's counts. */
    private static final class Rate {
        private long minute;
        private long count;
        private double mean;
        private boolean tripped;

        Rate(long minute) {
            this.minute = minute;
        }

        /** Counts one match; returns the reason when this match trips the guard, else null. */
        synchronized String count(long now, Settings s) {
            if (now != minute) {
                long gap = Math.max(1, now - minute);
                mean = mean * (1 - WEIGHT) + count * WEIGHT;
                mean *= Math.pow(1 - WEIGHT, gap - 1);
                minute = now;
                count = 0;
                tripped = false;
            }
            count++;
            double limit = Math.max(s.minimumPerMinute(), s.factor() * mean);
            if (!tripped && count > limit) {
                tripped = true;
                return String.format(java.util.Locale.ROOT,
                        "%d matches this minute against a usual %.1f per minute", count, mean);
            }
            return null;
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
