package org.tideline.core.pdq;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.tideline.core.image.RasterImage;

/**
 * PDQ's front end with the Vector API, bit-identical to {@link ScalarDownsampler}.
 *
 * <p>Every output keeps the reference's exact float operations: a running sum that adds the entering sample and
 * subtracts the leaving one, then a division by the window size. Two facts make it fast without changing a bit:
 * <ul>
 *   <li>a division can happen any time after its sum is known, so the row passes (serial along a row) only keep
 *       running sums, with rows interleaved for instruction-level parallelism, and the divisions are done by
 *       the next column pass, vectorised across columns, as it reads each row ({@code sum / windowAt[column]});</li>
 *   <li>decimation reads only 64 columns of 64 rows, so the second row pass keeps sums only for those columns
 *       and the second column pass runs only over them (it still sees every sample, so nothing is skipped).</li>
 * </ul>
 * Luminance is vectorised too: R, G and B bytes are deinterleaved with byte shuffles and widened to floats; the
 * products and sums are the same IEEE operations in the same order as {@code fillFloatLumaFromRGB}.
 */
final class VectorDownsampler implements Downsampler {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int DECIMATED = 64;
    private static final int CACHED_SCRATCH_PIXELS = 24_000_000;
    private static final int ROWS_IN_FLIGHT = 8;

    private static final VectorShuffle<Byte> RED_BYTES = channelShuffle(0);
    private static final VectorShuffle<Byte> GREEN_BYTES = channelShuffle(1);
    private static final VectorShuffle<Byte> BLUE_BYTES = channelShuffle(2);

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final ScalarDownsampler fallback = new ScalarDownsampler();

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

    @Override
    public void downsample(RasterImage image, PdqMode mode, float[] out) {
        int[] size = Luma.planeSize(image, mode);
        int cols = size[0];
        int rows = size[1];
        if (rows == DECIMATED && cols == DECIMATED) {
            fallback.downsample(image, mode, out);
            return;
        }
        int pitch = pitch(cols);
        Scratch s = SCRATCH.get().prepare(rows, pitch);
        int windowAlongRows = JaroszFilter.windowSize(cols, DECIMATED);
        int windowAlongCols = JaroszFilter.windowSize(rows, DECIMATED);
        float[] rowDivisors = windowSizes(cols, windowAlongRows, s.rowDivisors);

        if (cols == image.width() && rows == image.height()) {
            luma(image, s.planeA, pitch);
        } else {
            Luma.fill(image, mode, s.planeA);
            spreadRows(s.planeA, rows, cols, pitch);
        }
        // Row pass 1: sums only, divided by column pass 1 as it reads them.
        RunningSums.alongRows(s.planeA, s.planeB, rows, cols, pitch, windowAlongRows, null);
        columnPass(s.planeB, rowDivisors, s.planeA, s.sums, rows, cols, pitch, windowAlongCols);

        int[] slotOfColumn = s.slotOfColumn;
        int slots = decimationSlots(cols, slotOfColumn, s.columnOfSlot);
        // Row pass 2: sums kept only where decimation reads, transposed: sampled[slot * rows + row].
        rowSumsSampled(s.planeA, s.sampled, rows, cols, pitch, windowAlongRows, slotOfColumn, s.ring, s.rowLanes(pitch));
        columnPassSampled(s.sampled, rowDivisors, s.columnOfSlot, slots, rows, cols, windowAlongCols, s.column, out);
    }

    // ---- luminance -----------------------------------------------------------------------------------------------

    /** Rows are {@code pitch} floats apart in the planes: a multiple of L, but never of 4 KiB. */
    static int pitch(int cols) {
        int rounded = (cols + L - 1) / L * L;
        return rounded % 256 == 0 ? rounded + L : rounded;
    }

    private static void luma(RasterImage image, float[] out, int pitch) {
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

    /** Moves a packed rows x cols plane to rows {@code pitch} apart, in place (last row first). */
    private static void spreadRows(float[] plane, int rows, int cols, int pitch) {
        for (int r = rows - 1; r > 0; r--) {
            System.arraycopy(plane, r * cols, plane, r * pitch, cols);
        }
    }

    /** The first L bytes as unsigned values in floats. */
    private static FloatVector widen(ByteVector bytes) {
        return (FloatVector) bytes.convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0)
                .convert(VectorOperators.I2F, 0);
    }

    // ---- divisors --------------------------------------------------------------------------------------------------

    /** The window size each output position of a box pass divides by (small at the edges), as floats. */
    static float[] windowSizes(int length, int window, float[] into) {
        BoxPhases phases = BoxPhases.of(length, window);
        int phase1 = phases.accumulate();
        int phase2 = phases.grow();
        int phase3 = phases.full();
        int phase4 = phases.shrink();
        int o = 0;
        int size = phase1;
        for (int i = 0; i < phase2; i++) into[o++] = ++size;
        for (int i = 0; i < phase3; i++) into[o++] = size;
        for (int i = 0; i < phase4; i++) into[o++] = --size;
        return into;
    }

    // ---- column pass 1: vectorised across columns ------------------------------------------------------------------

    /**
     * Box filter down each column of the row-pass sums, dividing each sum by its row window as it enters (and
     * storing that quotient back, so that when the row leaves the window the same float is subtracted).
     */
    private static void columnPass(float[] rowSums, float[] rowDivisors, float[] out, float[] sums, int rows,
                                   int cols, int pitch, int window) {
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
    private static void rowSumsSampled(float[] in, float[] sampled, int rows, int cols, int pitch, int window,
                                       int[] slotOfColumn, float[] ring, int[] rowLanes) {
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

    /** Maps each plane column read by decimation to a slot 0..slots-1 (-1 elsewhere); returns the slot count. */
    private static int decimationSlots(int cols, int[] slotOfColumn, int[] columnOfSlot) {
        java.util.Arrays.fill(slotOfColumn, 0, cols, -1);
        int slots = 0;
        for (int j = 0; j < DECIMATED; j++) {
            int c = ScalarDownsampler.sourceIndex(j, cols);
            if (slotOfColumn[c] < 0) {
                slotOfColumn[c] = slots;
                columnOfSlot[slots++] = c;
            }
        }
        return slots;
    }

    /**
     * Column pass 2 over the kept columns: each kept row sum is divided by its row window as it enters, and only
     * the rows decimation reads are divided by the column window and written out.
     */
    private static void columnPassSampled(float[] sampled, float[] rowDivisors, int[] columnOfSlot, int slots,
                                          int rows, int cols, int window, float[] column, float[] out) {
        BoxPhases phases = BoxPhases.of(rows, window);
        int phase1 = phases.accumulate();
        int phase2 = phases.grow();
        int phase3 = phases.full();
        int phase4 = phases.shrink();
        boolean[] readRow = new boolean[rows];
        for (int i = 0; i < DECIMATED; i++) readRow[ScalarDownsampler.sourceIndex(i, rows)] = true;
        for (int slot = 0; slot < slots; slot++) {
            int base = slot * rows;
            float divisor = rowDivisors[columnOfSlot[slot]];
            for (int r = 0; r < rows; r++) {
                sampled[base + r] = sampled[base + r] / divisor;
            }
            int ri = base;
            int li = base;
            int oi = 0;
            int size = 0;
            float sum = 0f;
            for (int i = 0; i < phase1; i++) {
                sum += sampled[ri++];
                size++;
            }
            for (int i = 0; i < phase2; i++, oi++) {
                sum += sampled[ri++];
                size++;
                if (readRow[oi]) column[oi] = sum / size;
            }
            for (int i = 0; i < phase3; i++, oi++) {
                sum += sampled[ri++];
                sum -= sampled[li++];
                if (readRow[oi]) column[oi] = sum / size;
            }
            for (int i = 0; i < phase4; i++, oi++) {
                sum -= sampled[li++];
                size--;
                if (readRow[oi]) column[oi] = sum / size;
            }
            int c = columnOfSlot[slot];
            for (int j = 0; j < DECIMATED; j++) {
                if (ScalarDownsampler.sourceIndex(j, cols) != c) continue;
                for (int i = 0; i < DECIMATED; i++) {
                    out[i * DECIMATED + j] = column[ScalarDownsampler.sourceIndex(i, rows)];
                }
            }
        }
    }

    /** Per-thread buffers, grown as needed and kept up to {@link #CACHED_SCRATCH_PIXELS}. */
    private static final class Scratch {
        float[] planeA = new float[0];
        float[] planeB = new float[0];
        float[] sums = new float[0];
        float[] rowDivisors = new float[0];
        float[] sampled = new float[0];
        float[] column = new float[0];
        int[] slotOfColumn = new int[0];
        final int[] columnOfSlot = new int[DECIMATED];
        float[] ring = new float[0];
        private int[] rowLanes = new int[0];
        private int rowLanesPitch = -1;

        /** Gather offsets of L rows of one column: lane j is j rows further. */
        int[] rowLanes(int pitch) {
            if (rowLanesPitch != pitch) {
                rowLanes = new int[L];
                for (int j = 0; j < L; j++) rowLanes[j] = j * pitch;
                rowLanesPitch = pitch;
            }
            return rowLanes;
        }

        Scratch prepare(int rows, int pitch) {
            int cols = pitch;
            int plane = rows * pitch;
            boolean keep = plane <= CACHED_SCRATCH_PIXELS;
            planeA = sized(planeA, plane, keep);
            planeB = sized(planeB, plane, keep);
            sums = sized(sums, cols, true);
            rowDivisors = sized(rowDivisors, cols, true);
            sampled = sized(sampled, DECIMATED * rows, true);
            column = sized(column, rows, true);
            ring = sized(ring, (JaroszFilter.windowSize(cols, DECIMATED) + 1) * L, true);
            if (slotOfColumn.length < cols) slotOfColumn = new int[cols];
            return this;
        }

        private static float[] sized(float[] current, int n, boolean keep) {
            if (!keep) return new float[n];
            return current.length >= n ? current : new float[n];
        }
    }
}
