package org.tideline.core.image;

import java.time.Duration;
import java.util.Objects;

/**
 * What a single file may cost before it is refused. Pixels are checked from the header before any pixel is
 * decoded, so a 1 KB PNG that claims 100000x100000 pixels is refused at once.
 *
 * @param maxBytes  largest file read
 * @param maxPixels largest width x height decoded
 * @param timeout   longest a decode may run; the decoder is aborted after it
 */
public record ImageLimits(long maxBytes, long maxPixels, Duration timeout) {

    /** 200 MiB: far above any photo, far below what would exhaust memory. */
    public static final long DEFAULT_MAX_BYTES = 200L * 1024 * 1024;
    /** 100 megapixels: above any phone or DSLR photo (a 12000x8000 medium-format frame is 96 MP). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ImageLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (maxBytes <= 0 || maxPixels <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT);
    }

    public ImageLimits withMaxBytes(long bytes) {
        return new ImageLimits(bytes, maxPixels, timeout);
    }

    public ImageLimits withMaxPixels(long pixels) {
        return new ImageLimits(maxBytes, pixels, timeout);
    }

    public ImageLimits withTimeout(Duration t) {
        return new ImageLimits(maxBytes, maxPixels, t);
    }
}
