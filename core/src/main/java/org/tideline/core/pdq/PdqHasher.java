package org.tideline.core.pdq;

import java.util.ArrayList;
import java.util.List;
import org.tideline.core.image.RasterImage;

/**
 * PDQ, Meta's perceptual image hash, bit-exact with the C++ reference ({@code pdqhashing.cpp}) in both conventions
 * of {@link PdqMode}.
 *
 * <p>The algorithm (PDQ hashing paper, Meta 2017): luminance; a Jarosz tent filter sized so that decimating to 64x64
 * does not alias; decimation to 64x64; a quality score from the decimated image's gradients; the 16x16
 * low-frequency block of its DCT; one bit per coefficient, set when the coefficient is above the block's median.
 * Dihedral variants come from sign flips and transposition of that DCT block (see {@link Dihedral}).
 *
 * <p>Sharp edges: the reference returns an all-zero hash of quality 0 for an image under 5 pixels on a side, and a
 * 64x64 image skips the filter. This class requires at least {@link #MIN_DIMENSION} pixels per side (callers turn
 * smaller images into a typed error rather than an all-zero hash) and keeps the 64x64 shortcut for exactness.
 *
 * <p>Thread-safe. The image-domain steps (nearly all of the time) run in a {@link Downsampler}: the Vector API
 * implementation when the JVM and CPU support it, the scalar one otherwise, with identical output.
 */
public final class PdqHasher {

    /** The smallest side the reference hashes (its {@code MIN_HASHABLE_DIM}). */
    public static final int MIN_DIMENSION = 5;
    private static final int DECIMATED = 64;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final PdqMode mode;
    private final Downsampler downsampler;

    /** Uses the process's preferred front end (see {@link Downsampler}). */
    public PdqHasher(PdqMode mode) {
        this(mode, Downsampler.preferred());
    }

    /** With a fixed front end; tests use this to run both. */
    PdqHasher(PdqMode mode, Downsampler downsampler) {
        this.mode = mode;
        this.downsampler = downsampler;
    }

    public PdqMode mode() {
        return mode;
    }

    /** Which implementation of the image-domain steps runs here: "scalar" or "vector (N float lanes)". */
    public static String implementation() {
        return Downsampler.preferred().describe();
    }

    /** Hashes an image; the eight dihedral hashes are included when {@code withDihedral} is true. */
    public PdqResult hash(RasterImage image, boolean withDihedral) {
        if (image.width() < MIN_DIMENSION || image.height() < MIN_DIMENSION) {
            throw new IllegalArgumentException("image is " + image.width() + "x" + image.height()
                    + "; PDQ needs at least " + MIN_DIMENSION + " pixels on each side");
        }
        Scratch scratch = SCRATCH.get();
        float[] decimated = scratch.decimated;
        downsampler.downsample(image, mode, decimated);
        int quality = quality(decimated);
        Dct.dct64To16(decimated, scratch.dct16x64, scratch.dct16x16);
        PdqHash hash = toBits(scratch.dct16x16);
        if (!withDihedral) {
            return new PdqResult(hash, quality, List.of());
        }
        List<PdqHash> variants = new ArrayList<>(Dihedral.values().length);
        for (Dihedral d : Dihedral.values()) {
            if (d == Dihedral.ORIGINAL) {
                variants.add(hash);
            } else {
                d.applyToDct(scratch.dct16x16, scratch.dctAux);
                variants.add(toBits(scratch.dctAux));
            }
        }
        return new PdqResult(hash, quality, variants);
    }

    /**
     * The reference's heuristic: the sum of quantised vertical and horizontal gradients of the 64x64 image,
     * scaled by 1/90 and capped at 100. Flat or tiny images score low.
     */
    static int quality(float[] d) {
        int gradientSum = 0;
        for (int i = 0; i < DECIMATED - 1; i++) {
            for (int j = 0; j < DECIMATED; j++) {
                float u = d[i * DECIMATED + j];
                float v = d[(i + 1) * DECIMATED + j];
                gradientSum += Math.abs((int) (((u - v) * 100) / 255));
            }
        }
        for (int i = 0; i < DECIMATED; i++) {
            for (int j = 0; j < DECIMATED - 1; j++) {
                float u = d[i * DECIMATED + j];
                float v = d[i * DECIMATED + j + 1];
                gradientSum += Math.abs((int) (((u - v) * 100) / 255));
            }
        }
        return Math.min(gradientSum / 90, 100);
    }

    private static PdqHash toBits(float[] dct16x16) {
        float median = TorbenMedian.of(dct16x16);
        long[] words = new long[4];
        for (int k = 0; k < PdqHash.BITS; k++) {
            if (dct16x16[k] > median) {
                words[3 - (k >>> 6)] |= 1L << (k & 63);
            }
        }
        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    /** Per-thread buffers for the 64x64 stages. */
    private static final class Scratch {
        final float[] decimated = new float[DECIMATED * DECIMATED];
        final float[] dct16x64 = new float[Dct.OUT * Dct.IN];
        final float[] dct16x16 = new float[Dct.OUT * Dct.OUT];
        final float[] dctAux = new float[Dct.OUT * Dct.OUT];
    }
}
