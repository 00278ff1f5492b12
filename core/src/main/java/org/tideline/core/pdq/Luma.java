package org.tideline.core.pdq;

import org.tideline.core.image.RasterImage;

/**
 * Luminance as PDQ defines it: Y = 0.299 R + 0.587 G + 0.114 B in float (evaluated left to right, as Meta's
 * {@code fillFloatLumaFromRGB}), and greyscale samples taken as they are. In {@link PdqMode#COMPAT_512} an image
 * larger than 512 in either dimension is first sampled down to 512x512 by nearest neighbour, source index
 * {@code floor(k * size / 512)}, as the C++ CLI's CImg {@code resize(512, 512)}; sampling before or after the
 * luminance gives the same floats, so only the sampled pixels are converted.
 */
final class Luma {

    static final float FROM_R = 0.299f;
    static final float FROM_G = 0.587f;
    static final float FROM_B = 0.114f;
    /** The C++ CLI's pre-resize target. */
    static final int COMPAT_SIZE = 512;

    private Luma() {
    }

    /** Width and height of the plane the hash is computed on. */
    static int[] planeSize(RasterImage image, PdqMode mode) {
        if (needsResize(image, mode)) {
            return new int[] {COMPAT_SIZE, COMPAT_SIZE};
        }
        return new int[] {image.width(), image.height()};
    }

    private static boolean needsResize(RasterImage image, PdqMode mode) {
        return mode == PdqMode.COMPAT_512 && (image.width() > COMPAT_SIZE || image.height() > COMPAT_SIZE);
    }

    /** Fills {@code out} (row-major, {@link #planeSize} elements) with luminance. */
    static void fill(RasterImage image, PdqMode mode, float[] out) {
        if (needsResize(image, mode)) {
            fillResized(image, out);
        } else if (image.isGrey()) {
            fillGrey(image.samples(), out, image.width() * image.height());
        } else {
            fillRgb(image.samples(), out, image.width() * image.height());
        }
    }

    private static void fillGrey(byte[] s, float[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = s[p] & 0xff;
        }
    }

    private static void fillRgb(byte[] s, float[] out, int n) {
        for (int p = 0, q = 0; p < n; p++, q += 3) {
            out[p] = FROM_R * (s[q] & 0xff) + FROM_G * (s[q + 1] & 0xff) + FROM_B * (s[q + 2] & 0xff);
        }
    }

    private static void fillResized(RasterImage image, float[] out) {
        int w = image.width();
        int h = image.height();
        int ch = image.channels();
        byte[] s = image.samples();
        int[] srcX = new int[COMPAT_SIZE];
        for (int x = 0; x < COMPAT_SIZE; x++) {
            srcX[x] = (int) ((long) x * w / COMPAT_SIZE);
        }
        for (int y = 0; y < COMPAT_SIZE; y++) {
            int rowBase = (int) ((long) y * h / COMPAT_SIZE) * w;
            int o = y * COMPAT_SIZE;
            for (int x = 0; x < COMPAT_SIZE; x++) {
                int q = (rowBase + srcX[x]) * ch;
                out[o + x] = ch == 1
                        ? s[q] & 0xff
                        : FROM_R * (s[q] & 0xff) + FROM_G * (s[q + 1] & 0xff) + FROM_B * (s[q + 2] & 0xff);
            }
        }
    }
}
