package org.tideline.core.index;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels with 512-bit vectors: a flat scan compares four hashes' first 128 bits per instruction
 * sequence (XOR, per-lane popcount, add of lane pairs), and the bucket filter tests 16 entries at once and
 * compress-stores the survivors, with no data-dependent branch.
 */
final class VectorKernels implements Kernels {

    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final int HASHES_PER_VECTOR = L.length() / 2;
    private static final VectorShuffle<Long> SWAP_PAIRS = VectorShuffle.fromOp(L, lane -> lane ^ 1);
    private static final VectorMask<Long> ODD_LANES = VectorMask.fromLong(L, 0xAAL);
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** Whether this CPU makes these kernels faster than scalar: 512-bit vectors with a vector popcount. */
    boolean isUseful() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512 && cpuHas("avx512_vpopcntdq");
    }

    private static boolean cpuHas(String flag) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return (" " + line + " ").contains(" " + flag + " ");
                }
            }
        } catch (Exception e) {
            // Not Linux, or not readable: assume the instructions are missing; -Dtideline.index.simd=vector forces.
        }
        return false;
    }

    @Override
    public void scan(MemorySegment hi, MemorySegment lo, int loWords, long[] query, int threshold, int from,
                     int to, Hits hits) {
        long q0 = query[0];
        long q1 = query[1];
        LongVector q = LongVector.broadcast(L, q0).blend(q1, ODD_LANES);
        int o = from;
        for (; o + HASHES_PER_VECTOR <= to; o += HASHES_PER_VECTOR) {
            LongVector counts = LongVector.fromMemorySegment(L, hi, 16L * o, LE)
                    .lanewise(VectorOperators.XOR, q)
                    .lanewise(VectorOperators.BIT_COUNT);
            VectorMask<Long> close = counts.add(counts.rearrange(SWAP_PAIRS)).compare(VectorOperators.LE, threshold);
            if (close.anyTrue()) {
                for (int j = 0; j < HASHES_PER_VECTOR; j++) {
                    if (close.laneIsSet(2 * j)) {
                        Kernels.addIfClose(hi, lo, loWords, query, threshold, o + j, hits);
                    }
                }
            }
        }
        for (; o < to; o++) {
            Kernels.addIfClose(hi, lo, loWords, query, threshold, o, hits);
        }
    }

    @Override
    public int filter(MemorySegment ent, Probes probes, int ordinalBits) {
        int ordinalMask = (1 << ordinalBits) - 1;
        int[] out = probes.candidates;
        int n = 0;
        int lanes = I.length();
        for (int p = 0; p < probes.size; p++) {
            int from = probes.from[p];
            int to = probes.to[p];
            int kept = probes.keptBits[p];
            int allowance = probes.allowance[p];
            // Aligned loads: each reads exactly the cache line holding its entries (an unaligned 64-byte load
            // would nearly always drag in a second line, and miss on it).
            for (int line = from & -lanes; line < to; line += lanes) {
                IntVector v = IntVector.fromMemorySegment(I, ent, 4L * line, LE);
                VectorMask<Integer> keep = v.lanewise(VectorOperators.LSHR, ordinalBits)
                        .lanewise(VectorOperators.XOR, kept)
                        .lanewise(VectorOperators.BIT_COUNT)
                        .compare(VectorOperators.LE, allowance)
                        .and(IOTA.compare(VectorOperators.GE, from - line))
                        .and(IOTA.compare(VectorOperators.LT, to - line));
                v.and(ordinalMask).compress(keep).intoArray(out, n);
                n += keep.trueCount();
            }
        }
        return n;
    }

    @Override
    public String describe() {
        return "vector (" + L.vectorBitSize() + "-bit)";
    }
}
