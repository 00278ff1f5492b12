package org.tideline.core.image;

/**
 * Heap reserved for decodes in flight, so that many threads decoding large images wait for each other instead of
 * running the JVM out of memory together. A single decode larger than the whole budget is refused outright.
 */
final class MemoryBudget {

    /** Share of the maximum heap that decodes may hold at once; the rest is for everything else. */
    private static final double SHARE_OF_HEAP = 0.6;
    static final MemoryBudget SHARED = new MemoryBudget((long) (Runtime.getRuntime().maxMemory() * SHARE_OF_HEAP));

    private final long total;
    private long reserved;

    MemoryBudget(long total) {
        this.total = total;
    }

    long total() {
        return total;
    }

    /** Blocks until {@code bytes} fit; throws when they never could. */
    synchronized void reserve(long bytes) throws ImageRejectedException {
        if (bytes > total) {
            throw new ImageRejectedException(ImageRejectedException.Kind.TOO_LARGE,
                    "decoding needs about " + (bytes >> 20) + " MiB, more than the " + (total >> 20)
                            + " MiB this process allows for images (raise -Xmx or lower the pixel limit)");
        }
        boolean interrupted = false;
        while (reserved + bytes > total) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        reserved += bytes;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void release(long bytes) {
        reserved -= bytes;
        notifyAll();
    }
}
