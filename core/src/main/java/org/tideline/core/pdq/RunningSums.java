package org.tideline.core.pdq;

/**
 * The serial half of a box filter along rows: the running sums of {@code box1DFloat} (add the entering sample,
 * subtract the leaving one, in the reference's order), without the division, which the caller does later and
 * vectorised (a float sum divided later is the same float as divided now).
 *
 * <p>A running sum is a chain of dependent additions, so {@link #ROWS_IN_FLIGHT} rows advance together to keep
 * the CPU's adders busy. Callers lay rows out with a pitch that is not a multiple of 4 KiB: rows 4 KiB apart fall
 * into the same L1 cache set, and eight of them read and written together would evict each other.
 */
final class RunningSums {

    static final int ROWS_IN_FLIGHT = 8;

    private RunningSums() {
    }

    /**
     * Running sums along each row of {@code in} (rows x cols, row-major, rows {@code pitch} floats apart).
     *
     * @param slotOfColumn null to write every sum to {@code out} row-major; otherwise only the sums at columns with
     *                     a slot {@code >= 0} are kept, at {@code out[slot * rows + row]}
     */
    static void alongRows(float[] in, float[] out, int rows, int cols, int pitch, int window, int[] slotOfColumn) {
        int row = 0;
        for (; row + ROWS_IN_FLIGHT <= rows; row += ROWS_IN_FLIGHT) {
            eightRows(in, out, row, rows, cols, pitch, window, slotOfColumn);
        }
        for (; row < rows; row++) {
            oneRow(in, out, row, rows, cols, pitch, window, slotOfColumn);
        }
    }

    static void oneRow(float[] in, float[] out, int row, int rows, int cols, int pitch, int window,
                               int[] slots) {
        BoxPhases phases = BoxPhases.of(cols, window);
        int phase1 = phases.accumulate();
        int phase2 = phases.grow();
        int phase3 = phases.full();
        int phase4 = phases.shrink();
        int base = row * pitch;
        int ri = base;
        int li = base;
        int oi = 0;
        float sum = 0f;
        for (int i = 0; i < phase1; i++) {
            sum += in[ri++];
        }
        for (int i = 0; i < phase2; i++, oi++) {
            sum += in[ri++];
            store(out, sum, row, rows, pitch, oi, slots);
        }
        for (int i = 0; i < phase3; i++, oi++) {
            sum += in[ri++];
            sum -= in[li++];
            store(out, sum, row, rows, pitch, oi, slots);
        }
        for (int i = 0; i < phase4; i++, oi++) {
            sum -= in[li++];
            store(out, sum, row, rows, pitch, oi, slots);
        }
    }

    private static void store(float[] out, float sum, int row, int rows, int pitch, int column, int[] slots) {
        if (slots == null) {
            out[row * pitch + column] = sum;
        } else if (slots[column] >= 0) {
            out[slots[column] * rows + row] = sum;
        }
    }

    private static void eightRows(float[] in, float[] out, int row, int rows, int cols, int pitch, int window,
                                  int[] slots) {
        BoxPhases phases = BoxPhases.of(cols, window);
        int phase1 = phases.accumulate();
        int phase2 = phases.grow();
        int phase3 = phases.full();
        int phase4 = phases.shrink();
        int b0 = row * pitch;
        int b1 = b0 + pitch;
        int b2 = b1 + pitch;
        int b3 = b2 + pitch;
        int b4 = b3 + pitch;
        int b5 = b4 + pitch;
        int b6 = b5 + pitch;
        int b7 = b6 + pitch;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int ri = 0;
        int li = 0;
        int oi = 0;
        for (int i = 0; i < phase1; i++, ri++) {
            s0 += in[b0 + ri]; s1 += in[b1 + ri]; s2 += in[b2 + ri]; s3 += in[b3 + ri];
            s4 += in[b4 + ri]; s5 += in[b5 + ri]; s6 += in[b6 + ri]; s7 += in[b7 + ri];
        }
        for (int i = 0; i < phase2; i++, ri++, oi++) {
            s0 += in[b0 + ri]; s1 += in[b1 + ri]; s2 += in[b2 + ri]; s3 += in[b3 + ri];
            s4 += in[b4 + ri]; s5 += in[b5 + ri]; s6 += in[b6 + ri]; s7 += in[b7 + ri];
            storeEight(out, row, rows, pitch, oi, slots, s0, s1, s2, s3, s4, s5, s6, s7);
        }
        for (int i = 0; i < phase3; i++, ri++, li++, oi++) {
            s0 += in[b0 + ri]; s1 += in[b1 + ri]; s2 += in[b2 + ri]; s3 += in[b3 + ri];
            s4 += in[b4 + ri]; s5 += in[b5 + ri]; s6 += in[b6 + ri]; s7 += in[b7 + ri];
            s0 -= in[b0 + li]; s1 -= in[b1 + li]; s2 -= in[b2 + li]; s3 -= in[b3 + li];
            s4 -= in[b4 + li]; s5 -= in[b5 + li]; s6 -= in[b6 + li]; s7 -= in[b7 + li];
            storeEight(out, row, rows, pitch, oi, slots, s0, s1, s2, s3, s4, s5, s6, s7);
        }
        for (int i = 0; i < phase4; i++, li++, oi++) {
            s0 -= in[b0 + li]; s1 -= in[b1 + li]; s2 -= in[b2 + li]; s3 -= in[b3 + li];
            s4 -= in[b4 + li]; s5 -= in[b5 + li]; s6 -= in[b6 + li]; s7 -= in[b7 + li];
            storeEight(out, row, rows, pitch, oi, slots, s0, s1, s2, s3, s4, s5, s6, s7);
        }
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static void storeEight(float[] out, int row, int rows, int pitch, int column, int[] slots,
                                   float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7) {
        int at;
        int step;
        if (slots == null) {
            at = row * pitch + column;
            step = pitch;
        } else {
            int slot = slots[column];
            if (slot < 0) return;
            at = slot * rows + row;
            step = 1;
        }
        out[at] = s0;
        out[at + step] = s1;
        out[at + 2 * step] = s2;
        out[at + 3 * step] = s3;
        out[at + 4 * step] = s4;
        out[at + 5 * step] = s5;
        out[at + 6 * step] = s6;
        out[at + 7 * step] = s7;
    }
}
