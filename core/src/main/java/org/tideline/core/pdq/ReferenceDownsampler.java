package org.tideline.core.pdq;

import org.tideline.core.image.RasterImage;

/**
 * The reference pipeline transcribed step by step: luminance plane, {@link JaroszFilter} over the whole plane,
 * decimation, exactly as Meta's {@code pdqhashing.cpp} lays it out. Slow; it is the oracle the fast
 * implementations are tested against float for float, and it serves the reference's 64x64 shortcut.
 */
final class ReferenceDownsampler implements Downsampler {

    private static final int DECIMATED = 64;
    private static final int CACHED_SCRATCH_PIXELS = 24_000_000;
    private static final ThreadLocal<float[][]> PLANES = ThreadLocal.withInitial(() -> new float[2][0]);

    @Override
    public void downsample(RasterImage image, PdqMode mode, float[] out) {
        int[] size = Luma.planeSize(image, mode);
        int cols = size[0];
        int rows = size[1];
        int n = rows * cols;
        float[][] planes = PLANES.get();
        float[] buffer1 = n > CACHED_SCRATCH_PIXELS ? new float[n] : grow(planes, 0, n);
        float[] buffer2 = n > CACHED_SCRATCH_PIXELS ? new float[n] : grow(planes, 1, n);
        Luma.fill(image, mode, buffer1);
        if (rows == DECIMATED && cols == DECIMATED) {
            // The reference skips the filter for an image that is already 64x64.
            System.arraycopy(buffer1, 0, out, 0, DECIMATED * DECIMATED);
            return;
        }
        JaroszFilter.filter(buffer1, buffer2, rows, cols,
                JaroszFilter.windowSize(cols, DECIMATED), JaroszFilter.windowSize(rows, DECIMATED));
        decimate(buffer1, rows, cols, out);
    }

    private static float[] grow(float[][] planes, int i, int n) {
        if (planes[i].length < n) planes[i] = new float[n];
        return planes[i];
    }

    /** Samples the centre of each of 64x64 cells, as the reference's {@code decimateFloat}. */
    static void decimate(float[] in, int rows, int cols, float[] out) {
        for (int oi = 0; oi < DECIMATED; oi++) {
            int ii = sourceIndex(oi, rows);
            for (int oj = 0; oj < DECIMATED; oj++) {
                out[oi * DECIMATED + oj] = in[ii * cols + sourceIndex(oj, cols)];
            }
        }
    }

    /** The reference's decimation index: (int) ((k + 0.5) * size / 64), in double. */
    static int sourceIndex(int k, int size) {
        return (int) (((k + 0.5) * size) / DECIMATED);
    }

    @Override
    public String describe() {
        return "reference (scalar transcription)";
    }
}
