package org.tideline.core.index;

import java.lang.foreign.MemorySegment;

/** Plain-Java kernels: the reference the vector ones are tested against, and the choice without AVX-512. */
final class ScalarKernels implements Kernels {

    @Override
    public void scan(MemorySegment hi, MemorySegment lo, int loWords, long[] query, int threshold, int from,
                     int to, Hits hits) {
        for (int o = from; o < to; o++) {
            Kernels.addIfClose(hi, lo, loWords, query, threshold, o, hits);
        }
    }

    @Override
    public int filter(MemorySegment ent, Probes probes, int ordinalBits) {
        int ordinalMask = (1 << ordinalBits) - 1;
        int[] out = probes.candidates;
        int n = 0;
        for (int p = 0; p < probes.size; p++) {
            int to = probes.to[p];
            int kept = probes.keptBits[p];
            int allowance = probes.allowance[p];
            for (int e = probes.from[p]; e < to; e++) {
                int v = ent.getAtIndex(Segment.INT, e);
                out[n] = v & ordinalMask;
                // Branch-free append: whether an entry passes is data-dependent and would mispredict.
                n += Integer.bitCount((v >>> ordinalBits) ^ kept) <= allowance ? 1 : 0;
            }
        }
        return n;
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
