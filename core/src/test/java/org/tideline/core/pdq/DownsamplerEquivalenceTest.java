package org.tideline.core.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tideline.core.image.RasterImage;

/**
 * The fast front ends (scalar and Vector API) must produce the very same floats as the literal transcription of
 * Meta's reference, on every shape: odd sizes, row groups that do not fill the last vector, widths around the
 * lane count and around the 1 KiB pitch rule, the 64x64 shortcut, and the 512 pre-resize.
 */
class DownsamplerEquivalenceTest {

    private final Downsampler reference = Downsampler.reference();
    private final Downsampler scalar = Downsampler.scalar();
    private final Optional<Downsampler> vector = Downsampler.vector();

    @Test
    void vector_path_is_available_where_the_build_enables_it() {
        // Surefire starts the JVM with --add-modules=jdk.incubator.vector; every x86-64 CPU CI runs on has AVX2.
        assertThat(vector).as("Vector API downsampler").isPresent();
        assertThat(PdqHasher.implementation()).startsWith("vector");
    }

    @Test
    void fast_front_ends_give_the_reference_floats_on_random_images() {
        assumeTrue(vector.isPresent());
        Random random = new Random(20261123);
        int[][] shapes = {
                {5, 5}, {7, 300}, {300, 7}, {16, 16}, {17, 33}, {63, 65}, {64, 64}, {65, 64}, {100, 1},
                {127, 129}, {250, 190}, {256, 100}, {513, 200}, {640, 480}, {1024, 768}, {333, 1000},
                {1200, 513}, {2001, 1503}};
        for (int[] shape : shapes) {
            int w = shape[0];
            int h = Math.max(shape[1], PdqHasher.MIN_DIMENSION);
            for (int channels : new int[] {1, 3}) {
                RasterImage image = randomImage(random, w, h, channels);
                for (PdqMode mode : PdqMode.values()) {
                    float[] expected = new float[64 * 64];
                    float[] viaScalar = new float[64 * 64];
                    float[] viaVector = new float[64 * 64];
                    reference.downsample(image, mode, expected);
                    scalar.downsample(image, mode, viaScalar);
                    vector.get().downsample(image, mode, viaVector);
                    String label = w + "x" + h + ", " + channels + " channel(s), " + mode;
                    assertThat(viaScalar).as("scalar, %s", label).containsExactly(expected);
                    assertThat(viaVector).as("vector, %s", label).containsExactly(expected);
                }
            }
        }
    }

    @Test
    void every_front_end_matches_the_reference_hashes_on_every_test_image() throws Exception {
        var decoder = new org.tideline.core.image.ImageDecoder();
        for (ReferenceHashes.Row row : ReferenceHashes.fullResolution()) {
            if (ReferenceConformanceTest.toleranceFor(row) > 0) continue;
            RasterImage image = decoder.decode(java.nio.file.Files.readAllBytes(row.file()));
            for (Downsampler d : new Downsampler[] {reference, scalar}) {
                PdqResult result = new PdqHasher(PdqMode.FULL, d).hash(image, false);
                assertThat(result.hash()).as("%s %s", d.describe(), row.path()).isEqualTo(row.hash());
                assertThat(result.quality()).as("%s %s", d.describe(), row.path()).isEqualTo(row.quality());
            }
        }
    }

    /** Smooth random content with noise, so that values cover the whole range and many rounding cases. */
    static RasterImage randomImage(Random random, int w, int h, int channels) {
        byte[] samples = new byte[w * h * channels];
        double fx = 1 + random.nextInt(8);
        double fy = 1 + random.nextInt(8);
        double phase = random.nextDouble() * Math.PI;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double smooth = 127.5 + 100 * Math.sin(fx * x / w * Math.PI + phase) * Math.cos(fy * y / h * Math.PI);
                for (int c = 0; c < channels; c++) {
                    int v = (int) Math.round(smooth + random.nextGaussian() * 20 + c * 9);
                    samples[(y * w + x) * channels + c] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return new RasterImage(w, h, channels, samples);
    }
}
