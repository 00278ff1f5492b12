package org.tideline.core.pdq;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tideline.core.image.RasterImage;

/**
 * Random photo-like images for property tests: a sum of {@link #WAVES} plane waves in random directions, at 0.5
 * to 12.5 cycles per image with amplitude falling as 1/frequency (the spectrum of natural images), a little
 * per-channel tint for RGB, and Gaussian noise. Every PDQ coefficient then carries signal, so hashes have quality
 * 100 and their bits are decided by the image, not by rounding; a few pure low-frequency sinusoids would leave
 * most coefficients near zero and every bit near the median a coin toss.
 */
final class SmoothImages {

    static final int MIN_SIDE = 5;
    static final int MAX_SIDE = 300;
    private static final int WAVES = 24;
    private static final double NOISE_SIGMA = 3;

    private SmoothImages() {
    }

    /** Grey and RGB images with sides {@value #MIN_SIDE}..{@value #MAX_SIDE}; shrinks towards small images. */
    static Arbitrary<RasterImage> images() {
        Arbitrary<Integer> side = Arbitraries.integers().between(MIN_SIDE, MAX_SIDE);
        return Combinators.combine(side, side, Arbitraries.of(1, 3), Arbitraries.longs())
                .as(SmoothImages::generate);
    }

    static RasterImage generate(int width, int height, int channels, long seed) {
        Random random = new Random(seed);
        // sin(kx x + ky y + phase) = sin(kx x) cos(ky y + phase) + cos(kx x) sin(ky y + phase): tables per axis.
        double[][] sinX = new double[WAVES][width];
        double[][] cosX = new double[WAVES][width];
        double[][] sinY = new double[WAVES][height];
        double[][] cosY = new double[WAVES][height];
        double[] amplitude = new double[WAVES];
        for (int k = 0; k < WAVES; k++) {
            double cycles = 0.5 + 12 * random.nextDouble();
            double direction = 2 * Math.PI * random.nextDouble();
            double kx = 2 * Math.PI * cycles * Math.cos(direction) / width;
            double ky = 2 * Math.PI * cycles * Math.sin(direction) / height;
            double phase = 2 * Math.PI * random.nextDouble();
            amplitude[k] = 60 / cycles;
            for (int x = 0; x < width; x++) {
                sinX[k][x] = Math.sin(kx * x);
                cosX[k][x] = Math.cos(kx * x);
            }
            for (int y = 0; y < height; y++) {
                sinY[k][y] = Math.sin(ky * y + phase);
                cosY[k][y] = Math.cos(ky * y + phase);
            }
        }
        double[] tintCycles = {random.nextDouble() * 3, random.nextDouble() * 3, random.nextDouble() * 3};
        byte[] samples = new byte[width * height * channels];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 128;
                for (int k = 0; k < WAVES; k++) {
                    v += amplitude[k] * (sinX[k][x] * cosY[k][y] + cosX[k][x] * sinY[k][y]);
                }
                for (int c = 0; c < channels; c++) {
                    double tint = channels == 1 ? 0 : 20 * Math.sin(2 * Math.PI * tintCycles[c] * x / width + c);
                    samples[i++] = clamp(v + tint + NOISE_SIGMA * random.nextGaussian());
                }
            }
        }
        return new RasterImage(width, height, channels, samples);
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }

    /**
     * The image under {@code d}, moving pixels: rotations are anticlockwise (as Meta's bridge images show), flip x
     * mirrors top to bottom (about the x axis), flip y left to right, flip plus-1 transposes, flip minus-1
     * mirrors about the anti-diagonal. Each case says where output pixel (x, y) comes from.
     */
    static RasterImage transform(RasterImage in, Dihedral d) {
        int w = in.width();
        int h = in.height();
        int ch = in.channels();
        boolean swapsSides = d == Dihedral.ROTATE_90 || d == Dihedral.ROTATE_270
                || d == Dihedral.FLIP_PLUS_1 || d == Dihedral.FLIP_MINUS_1;
        int ow = swapsSides ? h : w;
        int oh = swapsSides ? w : h;
        byte[] out = new byte[in.samples().length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (d) {
                    case ORIGINAL -> { sx = x; sy = y; }
                    case ROTATE_90 -> { sx = w - 1 - y; sy = x; }
                    case ROTATE_180 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case ROTATE_270 -> { sx = y; sy = h - 1 - x; }
                    case FLIP_X -> { sx = x; sy = h - 1 - y; }
                    case FLIP_Y -> { sx = w - 1 - x; sy = y; }
                    case FLIP_PLUS_1 -> { sx = y; sy = x; }
                    case FLIP_MINUS_1 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> throw new IllegalArgumentException(d.name());
                }
                System.arraycopy(in.samples(), (sy * w + sx) * ch, out, (y * ow + x) * ch, ch);
            }
        }
        return new RasterImage(ow, oh, ch, out);
    }

    /** Whether {@code d} reverses the source image's x axis (its columns run the other way afterwards). */
    static boolean reversesX(Dihedral d) {
        return d == Dihedral.ROTATE_90 || d == Dihedral.ROTATE_180 || d == Dihedral.FLIP_Y
                || d == Dihedral.FLIP_MINUS_1;
    }

    /** Whether {@code d} reverses the source image's y axis. */
    static boolean reversesY(Dihedral d) {
        return d == Dihedral.ROTATE_270 || d == Dihedral.ROTATE_180 || d == Dihedral.FLIP_X
                || d == Dihedral.FLIP_MINUS_1;
    }
}
