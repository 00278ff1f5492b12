package org.tideline.core.pdq;

import org.tideline.core.image.RasterImage;

/**
 * {@link FastDownsampler} in plain Java, for JVMs without the Vector API and for short runs, where it beats the
 * vector code until the JIT has compiled that (see {@link Downsampler}). Luminance comes from three 256-entry
 * tables holding exactly the floats {@code 0.299f * r}, {@code 0.587f * g} and {@code 0.114f * b}, summed in the
 * reference's order.
 */
final class ScalarDownsampler extends FastDownsampler {

    private static final int PITCH_MULTIPLE = 16;
    private static final float[] RED = table(Luma.FROM_R);
    private static final float[] GREEN = table(Luma.FROM_G);
    private static final float[] BLUE = table(Luma.FROM_B);

    private static float[] table(float coefficient) {
        float[] t = new float[256];
        for (int v = 0; v < 256; v++) {
            t[v] = coefficient * v;
        }
        return t;
    }

    @Override
    public String describe() {
        return "scalar";
    }

    @Override
    int pitch(int cols) {
        return pitch(cols, PITCH_MULTIPLE);
    }

    @Override
    void luma(RasterImage image, float[] out, int pitch) {
        byte[] px = image.samples();
        int w = image.width();
        int h = image.height();
        for (int y = 0; y < h; y++) {
            int dst = y * pitch;
            if (image.isGrey()) {
                for (int x = 0, q = y * w; x < w; x++, q++) {
                    out[dst + x] = px[q] & 0xff;
                }
            } else {
                for (int x = 0, q = y * w * 3; x < w; x++, q += 3) {
                    out[dst + x] = RED[px[q] & 0xff] + GREEN[px[q + 1] & 0xff] + BLUE[px[q + 2] & 0xff];
                }
            }
        }
    }

    @Override
    void columnPass(float[] rowSums, float[] div, float[] out, float[] sums, int rows, int cols, int pitch,
                    int window) {
        BoxPhases phases = BoxPhases.of(rows, window);
        java.util.Arrays.fill(sums, 0, cols, 0f);
        int ri = 0;
        int li = 0;
        int oi = 0;
        int size = 0;
        for (int i = 0; i < phases.accumulate(); i++, ri++) {
            int row = ri * pitch;
            for (int c = 0; c < cols; c++) {
                float e = rowSums[row + c] / div[c];
                rowSums[row + c] = e;
                sums[c] += e;
            }
            size++;
        }
        for (int i = 0; i < phases.grow(); i++, ri++, oi++) {
            size++;
            float n = size;
            int row = ri * pitch;
            int to = oi * pitch;
            for (int c = 0; c < cols; c++) {
                float e = rowSums[row + c] / div[c];
                rowSums[row + c] = e;
                float s = sums[c] + e;
                sums[c] = s;
                out[to + c] = s / n;
            }
        }
        float n = size;
        for (int i = 0; i < phases.full(); i++, ri++, li++, oi++) {
            int row = ri * pitch;
            int leaving = li * pitch;
            int to = oi * pitch;
            for (int c = 0; c < cols; c++) {
                float e = rowSums[row + c] / div[c];
                rowSums[row + c] = e;
                float s = sums[c] + e;
                s -= rowSums[leaving + c];
                sums[c] = s;
                out[to + c] = s / n;
            }
        }
        for (int i = 0; i < phases.shrink(); i++, li++, oi++) {
            size--;
            float m = size;
            int leaving = li * pitch;
            int to = oi * pitch;
            for (int c = 0; c < cols; c++) {
                float s = sums[c] - rowSums[leaving + c];
                sums[c] = s;
                out[to + c] = s / m;
            }
        }
    }

    @Override
    void rowSumsSampled(float[] in, float[] sampled, int rows, int cols, int pitch, int window, int[] slotOfColumn,
                        Scratch scratch) {
        RunningSums.alongRows(in, sampled, rows, cols, pitch, window, slotOfColumn);
    }
}
