package org.tideline.core.index;

import java.lang.foreign.MemorySegment;
import java.util.Locale;
import java.util.Optional;

/**
 * The inner loops of a search, in two implementations chosen once per process in the manner of Lucene's
 * {@code VectorizationProvider}: {@link ScalarKernels}, plain Java, and {@code VectorKernels}, the Vector API
 * with 512-bit vectors, used only when the CPU counts bits in vectors (AVX-512 VPOPCNTDQ); with AVX2 alone the
 * vector code is slower than scalar, so it is not chosen. Both give identical results; tests run both.
 *
 * <p>{@code -Dtideline.index.simd=scalar|vector|auto} forces a choice (default auto).
 */
sealed interface Kernels permits ScalarKernels, VectorKernels {

    String PROPERTY = "tideline.index.simd";
    /** Stored hashes per block in a batch scan: 64 KB of HI, resident in L2 while every query scans it. */
    int SCAN_BLOCK = 4096;

    /** Adds every hash with ordinal in {@code [from, to)} within {@code threshold} of {@code query}. */
    void scan(MemorySegment hi, MemorySegment lo, int loWords, long[] query, int threshold, int from, int to,
              Hits hits);

    /**
     * For each probe, keeps the entries of its range whose kept chunk bits differ from the probe's in at most its
     * allowance; writes their ordinals to {@code probes.candidates} and returns how many.
     */
    int filter(MemorySegment ent, Probes probes, int ordinalBits);

    String describe();

    /** Adds the candidates within {@code threshold}: 16 bytes read per candidate unless it is close. */
    default void verify(MemorySegment hi, MemorySegment lo, int loWords, long[] query, int threshold,
                        int[] candidates, int count, Hits hits) {
        for (int c = 0; c < count; c++) {
            addIfClose(hi, lo, loWords, query, threshold, candidates[c], hits);
        }
    }

    /**
     * Adds stored hash {@code o} if within {@code threshold}: its first 128 bits are compared first, and the rest
     * only read when those leave it close.
     */
    static void addIfClose(MemorySegment hi, MemorySegment lo, int loWords, long[] query, int threshold, int o,
                           Hits hits) {
        int d = Long.bitCount(hi.getAtIndex(Segment.LONG, 2L * o) ^ query[0])
                + Long.bitCount(hi.getAtIndex(Segment.LONG, 2L * o + 1) ^ query[1]);
        if (d <= threshold) {
            d += loDistance(lo, loWords, o, query);
            if (d <= threshold) hits.add(o, d);
        }
    }

    /** {@link #scan} for many queries, each block of stored hashes read from memory once for all of them. */
    default void scanMany(MemorySegment hi, MemorySegment lo, int loWords, long[][] queries, int threshold,
                          int from, int to, Hits[] hits) {
        for (int block = from; block < to; block += SCAN_BLOCK) {
            int end = Math.min(to, block + SCAN_BLOCK);
            for (int q = 0; q < queries.length; q++) {
                scan(hi, lo, loWords, queries[q], threshold, block, end, hits[q]);
            }
        }
    }

    static int loDistance(MemorySegment lo, int loWords, int ordinal, long[] query) {
        int d = 0;
        long base = (long) loWords * ordinal;
        for (int k = 0; k < loWords; k++) {
            d += Long.bitCount(lo.getAtIndex(Segment.LONG, base + k) ^ query[2 + k]);
        }
        return d;
    }

    static Kernels preferred() {
        return Holder.PREFERRED;
    }

    static Kernels scalar() {
        return new ScalarKernels();
    }

    /** The Vector API kernels, if this JVM has the module and this CPU the instructions that make them pay. */
    static Optional<Kernels> vector() {
        return vector(false);
    }

    /** Like {@link #vector()}, but when {@code evenIfSlow}, whenever the JVM can run them at all (for tests). */
    static Optional<Kernels> vector(boolean evenIfSlow) {
        try {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return Optional.empty();
            }
            Class<?> c = Class.forName("org.tideline.core.index.VectorKernels");
            VectorKernels k = (VectorKernels) c.getDeclaredConstructor().newInstance();
            return evenIfSlow || k.isUseful() ? Optional.of(k) : Optional.empty();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    final class Holder {
        static final Kernels PREFERRED = choose();

        private Holder() {
        }

        private static Kernels choose() {
            String wanted = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
            return switch (wanted) {
                case "scalar" -> scalar();
                case "vector" -> vector(true).orElseThrow(() -> new IllegalStateException(
                        "-D" + PROPERTY + "=vector but the Vector API is unavailable"
                                + " (start the JVM with --add-modules=jdk.incubator.vector)"));
                default -> vector().orElseGet(Kernels::scalar);
            };
        }
    }
}
