package org.tideline.server.hotline.capture;

import java.time.Duration;

/**
 * The moment a capture must be over. One deadline covers the page, its redirects and all its items, so a server
 * cannot stretch a capture by answering each read just before the idle timeout.
 */
final class Deadline {

    private final long endNanos;
    private final Duration total;

    private Deadline(long endNanos, Duration total) {
        this.endNanos = endNanos;
        this.total = total;
    }

    static Deadline after(Duration total) {
        return new Deadline(System.nanoTime() + total.toNanos(), total);
    }

    /** Milliseconds left, rounded up so that a positive remainder never reads as zero; 0 once expired. */
    long remainingMillis() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? 0 : (left + 999_999) / 1_000_000;
    }

    boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    FetchRefused tooSlow() {
        return new FetchRefused(FetchRefused.Reason.TOO_SLOW,
                "the capture took longer than its limit of " + total.toMillis() + " ms");
    }
}
