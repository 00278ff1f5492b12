package org.tideline.server.hotline.media;

/**
 * The two resamplings a preview needs, on greyscale.
 *
 * <p>{@link #areaAverage} shrinks: each output pixel is the mean of the source pixels that fall in its cell (each
 * source pixel counts once, in the cell its position maps to), so every source pixel contributes and nothing is
 * skipped, unlike nearest-neighbour sampling, which can keep a thin line intact.
 *
 * <p>{@link #smoothUpscale} enlarges with the uniform cubic B-spline (weights w0..w3 of a cubic B-spline at phase
 * t; Unser, "Splines: a perfect fit for signal and image processing", IEEE Signal Processing Magazine 16(6), 1999).
 * Its weights are never negative and sum to 1, so it cannot ring or sharpen: it adds no detail the small image did
 * not have, and its result is twice continuously differentiable, so the enlarged cells show no edges either.
 */
final class Resample {

    private Resample() {}

    /** {@code width} x {@code height} scaled so that its longer side is {@code longSide}; each side at least 1. */
    static int[] fit(int width, int height, int longSide) {
        if (width >= height) {
            return new int[] {longSide, Math.max(1, (int) Math.round((double) height * longSide / width))};
        }
        return new int[] {Math.max(1, (int) Math.round((double) width * longSide / height)), longSide};
    }

    /** Shrinks to {@code width} x {@code height}, each no larger than the source's. */
    static GreyImage areaAverage(GreyImage src, int width, int height) {
        if (width > src.width() || height > src.height()) {
            throw new IllegalArgumentException("area averaging only shrinks");
        }
        long[] sums = new long[width * height];
        int[] counts = new int[width * height];
        int[] column = new int[src.width()];
        for (int x = 0; x < src.width(); x++) {
            column[x] = (int) ((long) x * width / src.width());
        }
        byte[] pixels = src.pixels();
        for (int y = 0; y < src.height(); y++) {
            int rowBase = (int) ((long) y * height / src.height()) * width;
            int srcBase = y * src.width();
            for (int x = 0; x < src.width(); x++) {
                sums[rowBase + column[x]] += pixels[srcBase + x] & 0xff;
                counts[rowBase + column[x]]++;
            }
        }
        byte[] out = new byte[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((sums[i] + counts[i] / 2) / counts[i]);
        }
        return new GreyImage(width, height, out);
    }

    /** Enlarges to {@code width} x {@code height} by cubic B-spline, separably (rows, then columns). */
    static GreyImage smoothUpscale(GreyImage src, int width, int height) {
        Taps across = Taps.of(src.width(), width);
        Taps down = Taps.of(src.height(), height);
        float[] rows = new float[src.height() * width];
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < width; x++) {
                float v = 0;
                for (int k = 0; k < 4; k++) {
                    v += across.weight(x, k) * src.at(across.index(x, k), y);
                }
                rows[y * width + x] = v;
            }
        }
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = 0;
                for (int k = 0; k < 4; k++) {
                    v += down.weight(y, k) * rows[down.index(y, k) * width + x];
                }
                out[y * width + x] = (byte) Math.clamp(Math.round(v), 0, 255);
            }
        }
        return new GreyImage(width, height, out);
    }

    /** For each output position, the four source positions (clamped at the borders) and their B-spline weights. */
    private record Taps(int[] indices, float[] weights) {

        static Taps of(int sourceSize, int targetSize) {
            int[] indices = new int[targetSize * 4];
            float[] weights = new float[targetSize * 4];
            double scale = (double) sourceSize / targetSize;
            for (int i = 0; i < targetSize; i++) {
                // Pixel centres line up: output centre i + 0.5 maps to source coordinate (i + 0.5) * scale.
                double u = (i + 0.5) * scale - 0.5;
                int base = (int) Math.floor(u);
                double t = u - base;
                double[] w = {
                        (1 - t) * (1 - t) * (1 - t) / 6,
                        (3 * t * t * t - 6 * t * t + 4) / 6,
                        (-3 * t * t * t + 3 * t * t + 3 * t + 1) / 6,
                        t * t * t / 6};
                for (int k = 0; k < 4; k++) {
                    indices[i * 4 + k] = Math.clamp(base - 1 + k, 0, sourceSize - 1);
                    weights[i * 4 + k] = (float) w[k];
                }
            }
            return new Taps(indices, weights);
        }

        int index(int position, int k) {
            return indices[position * 4 + k];
        }

        float weight(int position, int k) {
            return weights[position * 4 + k];
        }
    }
}
