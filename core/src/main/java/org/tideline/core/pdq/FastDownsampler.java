package org.tideline.core.pdq;

import org.tideline.core.image.RasterImage;

/**
 * The fast front end, with the reference's float operations per output but not its schedule. Every output keeps
 * the exact sequence of {@code box1DFloat}: a running sum that adds the entering sample and subtracts the leaving
 * one, then a division by the window size. What changes:
 * <ul>
 *   <li>a division can happen any time after its sum is known, so row pass 1 (serial along each row) only keeps
 *       running sums, rows interleaved ({@link RunningSums}), and column pass 1 divides each sum by its row
 *       window as it reads it, sweeping rows in memory order with one running sum per column;</li>
 *   <li>decimation reads only 64 columns of 64 rows, so row pass 2 keeps sums only for those columns and column
 *       pass 2 runs only over them, dividing only at the rows decimation reads (the sums still see every
 *       sample, so nothing is skipped that matters);</li>
 *   <li>planes are laid out with a row pitch that is not a multiple of 4 KiB, so the eight rows row pass 1 reads
 *       together do not evict each other from one L1 set.</li>
 * </ul>
 * Subclasses supply the three steps that differ between scalar and Vector API code.
 */
abstract sealed class FastDownsampler implements Downsampler permits ScalarDownsampler, VectorDownsampler {

    static final int DECIMATED = 64;
    private static final int CACHED_SCRATCH_PIXELS = 24_000_000;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final ReferenceDownsampler shortcut = new ReferenceDownsampler();

    /** Row pitch in floats for a plane {@code cols} wide. */
    abstract int pitch(int cols);

    /** Luminance of a full-size image into {@code out}, rows {@code pitch} apart. */
    abstract void luma(RasterImage image, float[] out, int pitch);

    /**
     * Column pass 1: box filter down each column of row-pass sums, dividing each sum by {@code rowDivisors[c]}
     * as it enters and storing that quotient back, so that the same float is subtracted when the row leaves.
     */
    abstract void columnPass(float[] rowSums, float[] rowDivisors, float[] out, float[] sums, int rows, int cols,
                             int pitch, int window);

    /** Row pass 2: running sums along rows, kept only at slotted columns, as {@code sampled[slot * rows + row]}. */
    abstract void rowSumsSampled(float[] in, float[] sampled, int rows, int cols, int pitch, int window,
                                 int[] slotOfColumn, Scratch scratch);

    @Override
    public final void downsample(RasterImage image, PdqMode mode, float[] out) {
        int[] size = Luma.planeSize(image, mode);
        int cols = size[0];
        int rows = size[1];
        if (rows == DECIMATED && cols == DECIMATED) {
            shortcut.downsample(image, mode, out);
            return;
        }
        int pitch = pitch(cols);
        Scratch s = SCRATCH.get().prepare(rows, cols, pitch);
        int windowAlongRows = JaroszFilter.windowSize(cols, DECIMATED);
        int windowAlongCols = JaroszFilter.windowSize(rows, DECIMATED);
        float[] rowDivisors = windowSizes(cols, windowAlongRows, s.rowDivisors);

        if (cols == image.width() && rows == image.height()) {
            luma(image, s.planeA, pitch);
        } else {
            Luma.fill(image, mode, s.planeA);
            spreadRows(s.planeA, rows, cols, pitch);
        }
        RunningSums.alongRows(s.planeA, s.planeB, rows, cols, pitch, windowAlongRows, null);
        columnPass(s.planeB, rowDivisors, s.planeA, s.sums, rows, cols, pitch, windowAlongCols);

        int slots = decimationSlots(cols, s.slotOfColumn, s.columnOfSlot);
        rowSumsSampled(s.planeA, s.sampled, rows, cols, pitch, windowAlongRows, s.slotOfColumn, s);
        columnPassSampled(s.sampled, rowDivisors, s.columnOfSlot, slots, rows, cols, windowAlongCols, s.column, out);
    }

    /** A pitch of at least {@code cols}, a multiple of {@code multiple}, and never a multiple of 1 KiB. */
    static int pitch(int cols, int multiple) {
        int rounded = (cols + multiple - 1) / multiple * multiple;
        return rounded % 256 == 0 ? rounded + multiple : rounded;
    }

    /** Moves a packed rows x cols plane to rows {@code pitch} apart, in place (last row first). */
    private static void spreadRows(float[] plane, int rows, int cols, int pitch) {
        for (int r = rows - 1; r > 0; r--) {
            System.arraycopy(plane, r * cols, plane, r * pitch, cols);
        }
    }

    /** The window size each output position of a box pass divides by (small at the edges), as floats. */
    static float[] windowSizes(int length, int window, float[] into) {
        BoxPhases phases = BoxPhases.of(length, window);
        int o = 0;
        int size = phases.accumulate();
        for (int i = 0; i < phases.grow(); i++) into[o++] = ++size;
        for (int i = 0; i < phases.full(); i++) into[o++] = size;
        for (int i = 0; i < phases.shrink(); i++) into[o++] = --size;
        return into;
    }

    /** Maps each plane column read by decimation to a slot 0..slots-1 (-1 elsewhere); returns the slot count. */
    private static int decimationSlots(int cols, int[] slotOfColumn, int[] columnOfSlot) {
        java.util.Arrays.fill(slotOfColumn, 0, cols, -1);
        int slots = 0;
        for (int j = 0; j < DECIMATED; j++) {
            int c = ReferenceDownsampler.sourceIndex(j, cols);
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
        boolean[] readRow = new boolean[rows];
        for (int i = 0; i < DECIMATED; i++) readRow[ReferenceDownsampler.sourceIndex(i, rows)] = true;
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
            for (int i = 0; i < phases.accumulate(); i++) {
                sum += sampled[ri++];
                size++;
            }
            for (int i = 0; i < phases.grow(); i++, oi++) {
                sum += sampled[ri++];
                size++;
                if (readRow[oi]) column[oi] = sum / size;
            }
            for (int i = 0; i < phases.full(); i++, oi++) {
                sum += sampled[ri++];
                sum -= sampled[li++];
                if (readRow[oi]) column[oi] = sum / size;
            }
            for (int i = 0; i < phases.shrink(); i++, oi++) {
                sum -= sampled[li++];
                size--;
                if (readRow[oi]) column[oi] = sum / size;
            }
            int c = columnOfSlot[slot];
            for (int j = 0; j < DECIMATED; j++) {
                if (ReferenceDownsampler.sourceIndex(j, cols) != c) continue;
                for (int i = 0; i < DECIMATED; i++) {
                    out[i * DECIMATED + j] = column[ReferenceDownsampler.sourceIndex(i, rows)];
                }
            }
        }
    }

    /** Per-thread buffers, grown as needed; full-size planes kept up to {@link #CACHED_SCRATCH_PIXELS}. */
    static final class Scratch {
        float[] planeA = new float[0];
        float[] planeB = new float[0];
        float[] sums = new float[0];
        float[] rowDivisors = new float[0];
        float[] sampled = new float[0];
        float[] column = new float[0];
        int[] slotOfColumn = new int[0];
        final int[] columnOfSlot = new int[DECIMATED];
        /** Vector path only: the last {@code window} entered vectors, and gather offsets per pitch. */
        float[] ring = new float[0];
        int[] rowLanes = new int[0];
        int rowLanesPitch = -1;

        Scratch prepare(int rows, int cols, int pitch) {
            int plane = rows * pitch;
            boolean keep = plane <= CACHED_SCRATCH_PIXELS;
            planeA = sized(planeA, plane, keep);
            planeB = sized(planeB, plane, keep);
            sums = sized(sums, pitch, true);
            rowDivisors = sized(rowDivisors, pitch, true);
            sampled = sized(sampled, DECIMATED * rows, true);
            column = sized(column, rows, true);
            if (slotOfColumn.length < cols) slotOfColumn = new int[cols];
            return this;
        }

        private static float[] sized(float[] current, int n, boolean keep) {
            if (!keep) return new float[n];
            return current.length >= n ? current : new float[n];
        }
    }
}
