package org.tideline.core.image;

import java.util.Objects;

/**
 * Decoded pixels as the PDQ reference sees them: 8-bit samples, row-major, interleaved, with either one channel
 * (greyscale, used as it is) or three (R, G, B). Alpha has already been dropped and palettes expanded.
 *
 * <p>The array is shared, not copied: a raster is handed from the decoder to the hasher and not kept.
 */
public record RasterImage(int width, int height, int channels, byte[] samples) {

    public RasterImage {
        Objects.requireNonNull(samples, "samples");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if ((long) width * height * channels != samples.length) {
            throw new IllegalArgumentException("sample array length " + samples.length + " does not match "
                    + width + "x" + height + "x" + channels);
        }
    }

    public boolean isGrey() {
        return channels == 1;
    }

    /** Sample {@code c} of pixel (x, y), 0..255. */
    public int sample(int x, int y, int c) {
        return samples[(y * width + x) * channels + c] & 0xff;
    }
}
