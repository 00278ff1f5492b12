package org.tideline.core.pdq;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.tideline.core.image.RasterImage;

/**
 * {@link FastDownsampler} with the Vector API (L float lanes): luminance with R, G and B bytes deinterleaved by byte
 * shuffles and widened to floats (the same IEEE products and sums, in the same order, as
 * {@code fillFloatLumaFromRGB}); column pass 1 across L columns at once; row pass 2 across L rows at once, one
 * gather down the plane per step, leaving values taken from a ring of the last {@code window} entered vectors.
 */
final class VectorDownsampler extends FastDownsampler {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private static final VectorShuffle<Byte> RED_BYTES = channelShuffle(0);
    private static final VectorShuffle<Byte> GREEN_BYTES = channelShuffle(1);
    private static final VectorShuffle<Byte> BLUE_BYTES = channelShuffle(2);

    /** Worth using only with vectors of 8 floats or more, and bytes enough to hold 3 x L samples. */
    boolean isUseful() {
        return L >= 8 && B.length() >= 3 * L && I.length() == L;
    }

    @Override
    public String describe() {
        return "vector (" + L + " float lanes)";
    }

    /** Moves byte {@code 3k + channel} to lane k, for the first L lanes. */
    private static VectorShuffle<Byte> channelShuffle(int channel) {
        int[] index = new int[B.length()];
        for (int k = 0; k < index.length; k++) {
            index[k] = Math.min(3 * k + channel, B.length() - 1);
        }
        return VectorShuffle.fromArray(B, index, 0);
    }

    // ---- luminance -----------------------------------------------------------------------------------------------

    @Override
    int pitch(int cols) {
        return pitch(cols, L);
    }

    @Override
    void luma(RasterImage image, float[] out, int pitch) {
        byte[] px = image.samples();
        int w = image.width();
        int h = image.height();
        int ch = image.channels();
        for (int y = 0; y < h; y++) {
            int src = y * w * ch;
            int end = src + w * ch;
            int dst = y * pitch;
            int x = 0;
            if (ch == 1) {
                for (; src + x + B.length() <= px.length && x + L <= w; x += L) {
                    widen(ByteVector.fromArray(B, px, src + x)).intoArray(out, dst + x);
                }
                for (; x < w; x++) {
                    out[dst + x] = px[src + x] & 0xff;
                }
                continue;
            }
            for (; src + 3 * x + B.length() <= px.length && x + L <= w; x += L) {
                ByteVector v = ByteVector.fromArray(B, px, src + 3 * x);
                FloatVector r = widen(v.rearrange(RED_BYTES));
                FloatVector g = widen(v.rearrange(GREEN_BYTES));
                FloatVector b = widen(v.rearrange(BLUE_BYTES));
                r.mul(Luma.FROM_R).add(g.mul(Luma.FROM_G)).add(b.mul(Luma.FROM_B)).intoArray(out, dst + x);
            }
            for (int q = src + 3 * x; q < end; x++, q += 3) {
                out[dst + x] = Luma.FROM_R * (px[q] & 0xff) + Luma.FROM_G * (px[q + 1] & 0xff)
                        + Luma.FROM_B * (px[q + 2] & 0xff);
            }
        }
    }

    /** The first L bytes as unsigned values in floats. */
    private static FloatVector widen(ByteVector bytes) {
        return (FloatVector) bytes.convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0)
                .convert(VectorOperators.I2F, 0);
    }

    // ---- column pass 1: vectorised across columns ------------------------------------------------------------------

    @Override
    void columnPass(float[] rowSums, float[] rowDivisors, float[] out, float[] sums, int rows, int cols, int pitch,
                    int window) {
        BoxPhases phases = BoxPhases.of(rows, window);
        int phase1 = phases.accumulate();
        int phase2 = phases.grow();
        int phase3 = phases.full();
        int phase4 = phases.shrink();
        java.util.Arrays.fill(sums, 0, cols, 0f);
        int ri = 0;
        int li = 0;
        int oi = 0;
        int size = 0;
        for (int i = 0; i < phase1; i++, ri++) {
            enter(rowSums, rowDivisors, sums, ri * pitch, cols);
            size++;
        }
        for (int i = 0; i < phase2; i++, ri++, oi++) {
            size++;
            enterAndWrite(rowSums, rowDivisors, sums, ri * pitch, -1, out, oi * pitch, cols, size);
        }
        for (int i = 0; i < phase3; i++, ri++, li++, oi++) {
            enterAndWrite(rowSums, rowDivisors, sums, ri * pitch, li * pitch, out, oi * pitch, cols, size);
        }
        for (int i = 0; i < phase4; i++, li++, oi++) {
            size--;
            leaveAndWrite(rowSums, sums, li * pitch, out, oi * pitch, cols, size);
        }
    }

    private static void enter(float[] rowSums, float[] div, float[] sums, int row, int cols) {
        int c = 0;
        for (; c < F.loopBound(cols); c += L) {
            FloatVector e = FloatVector.fromArray(F, rowSums, row + c).div(FloatVector.fromArray(F, div, c));
            e.intoArray(rowSums, row + c);
            FloatVector.fromArray(F, sums, c).add(e).intoArray(sums, c);
        }
        for (; c < cols; c++) {
            float e = rowSums[row + c] / div[c];
            rowSums[row + c] = e;
            sums[c] += e;
        }
    }

    private static void enterAndWrite(float[] rowSums, float[] div, float[] sums, int row, int leaving, float[] out,
                                      int to, int cols, int size) {
        float n = size;
        int c = 0;
        for (; c < F.loopBound(cols); c += L) {
            FloatVector e = FloatVector.fromArray(F, rowSums, row + c).div(FloatVector.fromArray(F, div, c));
            e.intoArray(rowSums, row + c);
            FloatVector s = FloatVector.fromArray(F, sums, c).add(e);
            if (leaving >= 0) {
                s = s.sub(FloatVector.fromArray(F, rowSums, leaving + c));
            }
            s.intoArray(sums, c);
            s.div(n).intoArray(out, to + c);
        }
        for (; c < cols; c++) {
            float e = rowSums[row + c] / div[c];
            rowSums[row + c] = e;
            float s = sums[c] + e;
            if (leaving >= 0) {
                s -= rowSums[leaving + c];
            }
            sums[c] = s;
            out[to + c] = s / n;
        }
    }

    private static void leaveAndWrite(float[] rowSums, float[] sums, int leaving, float[] out, int to, int cols,
                                      int size) {
        float n = size;
        int c = 0;
        for (; c < F.loopBound(cols); c += L) {
            FloatVector s = FloatVector.fromArray(F, sums, c).sub(FloatVector.fromArray(F, rowSums, leaving + c));
            s.intoArray(sums, c);
            s.div(n).intoArray(out, to + c);
        }
        for (; c < cols; c++) {
            float s = sums[c] - rowSums[leaving + c];
            sums[c] = s;
            out[to + c] = s / n;
        }
    }

    // ---- pass 2 on the columns decimation reads ----------------------------------------------------------------

    /**
     * Running sums along rows, L rows at once (a gather down the plane per step; leaving values come from a ring
     * of the last {@code window} entered vectors), kept only at the columns decimation reads, as
     * {@code sampled[slot * rows + row]}: L consecutive rows, so a plain vector store. Rows past the end of the
     * plane in the last group are computed from whatever is there and never stored.
     */
    @Override
    void rowSumsSampled(float[] in, float[] sampled, int rows, int cols, int pitch, int window, int[] slotOfColumn,
                        Scratch scratch) {
        float[] ring = ring(scratch, window);
        int[] rowLanes = rowLanes(scratch, pitch);
        BoxPhases phases = BoxPhases.of(cols, window);
        int phase1 = phases.accumulate();
        int phase2 = phases.grow();
        int phase3 = phases.full();
        int phase4 = phases.shrink();
        int fullGroups = rows / L;
        for (int g = 0; g < fullGroups; g++) {
            int base = g * L * pitch;
            int row = g * L;
            int ri = 0;
            int oi = 0;
            int enterSlot = 0;
            int leaveSlot = 0;
            FloatVector sum = FloatVector.zero(F);
            for (int i = 0; i < phase1; i++, ri++) {
                FloatVector e = FloatVector.fromArray(F, in, base + ri, rowLanes, 0);
                e.intoArray(ring, enterSlot);
                enterSlot = nextSlot(enterSlot, window);
                sum = sum.add(e);
            }
            for (int i = 0; i < phase2; i++, ri++, oi++) {
                FloatVector e = FloatVector.fromArray(F, in, base + ri, rowLanes, 0);
                e.intoArray(ring, enterSlot);
                enterSlot = nextSlot(enterSlot, window);
                sum = sum.add(e);
                keep(sum, slotOfColumn[oi], sampled, rows, row);
            }
            for (int i = 0; i < phase3; i++, ri++, oi++) {
                FloatVector e = FloatVector.fromArray(F, in, base + ri, rowLanes, 0);
                FloatVector leaving = FloatVector.fromArray(F, ring, leaveSlot);
                leaveSlot = nextSlot(leaveSlot, window);
                e.intoArray(ring, enterSlot);
                enterSlot = nextSlot(enterSlot, window);
                sum = sum.add(e).sub(leaving);
                keep(sum, slotOfColumn[oi], sampled, rows, row);
            }
            for (int i = 0; i < phase4; i++, oi++) {
                FloatVector leaving = FloatVector.fromArray(F, ring, leaveSlot);
                leaveSlot = nextSlot(leaveSlot, window);
                sum = sum.sub(leaving);
                keep(sum, slotOfColumn[oi], sampled, rows, row);
            }
        }
        // The last rows % L rows: the scalar loop, same sums.
        for (int row = fullGroups * L; row < rows; row++) {
            RunningSums.oneRow(in, sampled, row, rows, cols, pitch, window, slotOfColumn);
        }
    }

    private static void keep(FloatVector sum, int slot, float[] sampled, int rows, int row) {
        if (slot >= 0) {
            sum.intoArray(sampled, slot * rows + row);
        }
    }

    private static int nextSlot(int slot, int window) {
        int next = slot + L;
        return next == window * L ? 0 : next;
    }

    private static float[] ring(Scratch s, int window) {
        if (s.ring.length < (window + 1) * L) s.ring = new float[(window + 1) * L];
        return s.ring;
    }

    /** Gather offsets of L rows of one column: lane j is j rows further. */
    private static int[] rowLanes(Scratch s, int pitch) {
        if (s.rowLanesPitch != pitch || s.rowLanes.length != L) {
            s.rowLanes = new int[L];
            for (int j = 0; j < L; j++) s.rowLanes[j] = j * pitch;
            s.rowLanesPitch = pitch;
        }
        return s.rowLanes;
    }
}
