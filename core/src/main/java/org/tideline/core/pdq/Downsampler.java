package org.tideline.core.pdq;

import java.util.Locale;
import org.tideline.core.image.RasterImage;

/**
 * PDQ's image-domain front end: luminance, the Jarosz tent filter and decimation to 64x64. This is nearly all of
 * the hashing time, so it has two fast implementations in the manner of Lucene's {@code VectorizationProvider}
 * ({@link FastDownsampler}): {@link ScalarDownsampler} in plain Java, and {@link VectorDownsampler}, which uses the
 * Vector API and is chosen at start-up when the JVM has {@code jdk.incubator.vector} and the CPU has vectors of
 * at least 8 floats; plus {@link ReferenceDownsampler}, the literal transcription of Meta's C++ that tests use as
 * the oracle. All three produce the same floats (tests compare them on random shapes and against the references).
 *
 * <p>{@code -Dtideline.pdq.simd=scalar|vector|auto} forces a choice (default auto), read once, at first use.
 *
 * <p>Sharp edge: Vector API code runs two orders of magnitude slower until the JIT has compiled it (about a
 * second of a cold JVM's time), so the vector path only pays off after a few hundred images. Short-lived
 * processes should choose scalar; the {@code tideline hash} command does so for small batches. Warming the
 * vector path up on a background thread and switching over once fast was tried and measured slower on a 2-core
 * machine (the warm-up competed with the real work and the switch-over still ran slowly for a while).
 */
sealed interface Downsampler permits ReferenceDownsampler, FastDownsampler {

    String PROPERTY = "tideline.pdq.simd";

    /** Writes the filtered, decimated 64x64 luminance of {@code image} (row-major) into {@code out}. */
    void downsample(RasterImage image, PdqMode mode, float[] out);

    /** "scalar" or "vector (N lanes)". */
    String describe();

    /** The implementation to use, decided once per process from {@link #PROPERTY}. */
    static Downsampler preferred() {
        return Holder.PREFERRED;
    }

    static Downsampler scalar() {
        return new ScalarDownsampler();
    }

    static Downsampler reference() {
        return new ReferenceDownsampler();
    }

    /** The Vector API implementation, if this JVM and CPU support it. */
    static java.util.Optional<Downsampler> vector() {
        try {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return java.util.Optional.empty();
            }
            Class<?> c = Class.forName("org.tideline.core.pdq.VectorDownsampler");
            Downsampler d = (Downsampler) c.getDeclaredConstructor().newInstance();
            return ((VectorDownsampler) d).isUseful() ? java.util.Optional.of(d) : java.util.Optional.empty();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    final class Holder {
        static final Downsampler PREFERRED = choose();

        private Holder() {
        }

        private static Downsampler choose() {
            String wanted = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
            return switch (wanted) {
                case "scalar" -> scalar();
                case "vector" -> vector().orElseThrow(() -> new IllegalStateException(
                        "-D" + PROPERTY + "=vector but the Vector API is unavailable"
                                + " (start the JVM with --add-modules=jdk.incubator.vector)"));
                default -> vector().orElseGet(Downsampler::scalar);
            };
        }
    }
}
