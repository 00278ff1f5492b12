package org.tideline.core.pdq;

/**
 * The Jarosz tent filter PDQ uses before decimating to 64x64: a box filter along rows then along columns,
 * twice ("Fast image convolutions", W. Jarosz 2001; PDQ hashing paper, section 3).
 *
 * <p>Bit-exactness with Meta's reference is the whole point of this class, so each output is computed with the
 * same float operations in the same order as {@code box1DFloat} in {@code downscaling.cpp}: a running sum that
 * adds the entering sample, subtracts the leaving one, and divides by the current window size (a float divided
 * by an int, never a multiplication by a reciprocal). What may change is only the order in which independent
 * outputs are computed:
 * <ul>
 *   <li>the column pass sweeps the image row by row with one running sum per column, which reads memory
 *       sequentially and lets the JIT vectorise across columns;</li>
 *   <li>the row pass runs {@link #ROWS_IN_FLIGHT} rows side by side, so the CPU overlaps their otherwise serial
 *       add-subtract-divide chains.</li>
 * </ul>
 */
final class JaroszFilter {

    /** Passes of (rows, columns) box filtering; two box filters make the tent. */
    static final int PASSES = 2;
    /** Rows whose running sums are advanced together in the row pass. */
    private static final int ROWS_IN_FLIGHT = 4;

    private JaroszFilter() {
    }

    /** Window size for shrinking {@code oldDimension} to {@code newDimension}: round(old / (2 * new)). */
    static int windowSize(int oldDimension, int newDimension) {
        return (oldDimension + 2 * newDimension - 1) / (2 * newDimension);
    }

    /**
     * Filters {@code buffer1} in place ({@code buffer2} is scratch of the same size), rows x cols row-major.
     */
    static void filter(float[] buffer1, float[] buffer2, int rows, int cols, int windowAlongRows, int windowAlongCols) {
        for (int pass = 0; pass < PASSES; pass++) {
            boxAlongRows(buffer1, buffer2, rows, cols, windowAlongRows);
            boxAlongCols(buffer2, buffer1, rows, cols, windowAlongCols);
        }
    }

    /** Box filter of each row, phase for phase as {@code box1DFloat} with stride 1. */
    static void boxAlongRows(float[] in, float[] out, int rows, int cols, int window) {
        int row = 0;
        for (; row + ROWS_IN_FLIGHT <= rows; row += ROWS_IN_FLIGHT) {
            boxFourRows(in, out, row * cols, cols, window);
        }
        for (; row < rows; row++) {
            boxOneRow(in, out, row * cols, cols, window);
        }
    }

    private static void boxOneRow(float[] in, float[] out, int base, int length, int window) {
        BoxPhases phases = BoxPhases.of(length, window);
        int phase1 = phases.accumulate();
        int phase2 = phases.grow();
        int phase3 = phases.full();
        int phase4 = phases.shrink();
        int li = base;
        int ri = base;
        int oi = base;
        float sum = 0.0f;
        int size = 0;
        for (int i = 0; i < phase1; i++) {
            sum += in[ri++];
            size++;
        }
        for (int i = 0; i < phase2; i++) {
            sum += in[ri++];
            size++;
            out[oi++] = sum / size;
        }
        for (int i = 0; i < phase3; i++) {
            sum += in[ri++];
            sum -= in[li++];
            out[oi++] = sum / size;
        }
        for (int i = 0; i < phase4; i++) {
            sum -= in[li++];
            size--;
            out[oi++] = sum / size;
        }
    }

    /** Four independent rows at once: the same per-row arithmetic, interleaved for instruction-level parallelism. */
    private static void boxFourRows(float[] in, float[] out, int base, int length, int window) {
        BoxPhases phases = BoxPhases.of(length, window);
        int phase1 = phases.accumulate();
        int phase2 = phases.grow();
        int phase3 = phases.full();
        int phase4 = phases.shrink();
        int b0 = base;
        int b1 = base + length;
        int b2 = base + 2 * length;
        int b3 = base + 3 * length;
        float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
        int size = 0;
        int ri = 0;
        int li = 0;
        int oi = 0;
        for (int i = 0; i < phase1; i++, ri++) {
            s0 += in[b0 + ri];
            s1 += in[b1 + ri];
            s2 += in[b2 + ri];
            s3 += in[b3 + ri];
            size++;
        }
        for (int i = 0; i < phase2; i++, ri++, oi++) {
            s0 += in[b0 + ri];
            s1 += in[b1 + ri];
            s2 += in[b2 + ri];
            s3 += in[b3 + ri];
            size++;
            float n = size;
            out[b0 + oi] = s0 / n;
            out[b1 + oi] = s1 / n;
            out[b2 + oi] = s2 / n;
            out[b3 + oi] = s3 / n;
        }
        float n = size;
        for (int i = 0; i < phase3; i++, ri++, li++, oi++) {
            s0 += in[b0 + ri];
            s1 += in[b1 + ri];
            s2 += in[b2 + ri];
            s3 += in[b3 + ri];
            s0 -= in[b0 + li];
            s1 -= in[b1 + li];
            s2 -= in[b2 + li];
            s3 -= in[b3 + li];
            out[b0 + oi] = s0 / n;
            out[b1 + oi] = s1 / n;
            out[b2 + oi] = s2 / n;
            out[b3 + oi] = s3 / n;
        }
        for (int i = 0; i < phase4; i++, li++, oi++) {
            s0 -= in[b0 + li];
            s1 -= in[b1 + li];
            s2 -= in[b2 + li];
            s3 -= in[b3 + li];
            size--;
            float m = size;
            out[b0 + oi] = s0 / m;
            out[b1 + oi] = s1 / m;
            out[b2 + oi] = s2 / m;
            out[b3 + oi] = s3 / m;
        }
    }

    /**
     * Box filter of each column, phase for phase as {@code box1DFloat} with stride {@code cols}, but swept row by
     * row: {@code sums[c]} is column c's running sum.
     */
    static void boxAlongCols(float[] in, float[] out, int rows, int cols, int window) {
        BoxPhases phases = BoxPhases.of(rows, window);
        int phase1 = phases.accumulate();
        int phase2 = phases.grow();
        int phase3 = phases.full();
        int phase4 = phases.shrink();
        float[] sums = new float[cols];
        int ri = 0;
        int li = 0;
        int oi = 0;
        int size = 0;
        for (int i = 0; i < phase1; i++, ri++) {
            addRow(sums, in, ri * cols, cols);
            size++;
        }
        for (int i = 0; i < phase2; i++, ri++, oi++) {
            addRow(sums, in, ri * cols, cols);
            size++;
            divideInto(sums, out, oi * cols, cols, size);
        }
        for (int i = 0; i < phase3; i++, ri++, li++, oi++) {
            addSubtractDivide(sums, in, ri * cols, li * cols, out, oi * cols, cols, size);
        }
        for (int i = 0; i < phase4; i++, li++, oi++) {
            subtractRow(sums, in, li * cols, cols);
            size--;
            divideInto(sums, out, oi * cols, cols, size);
        }
    }

    private static void addRow(float[] sums, float[] in, int from, int cols) {
        for (int c = 0; c < cols; c++) {
            sums[c] += in[from + c];
        }
    }

    private static void subtractRow(float[] sums, float[] in, int from, int cols) {
        for (int c = 0; c < cols; c++) {
            sums[c] -= in[from + c];
        }
    }

    private static void divideInto(float[] sums, float[] out, int to, int cols, int size) {
        float n = size;
        for (int c = 0; c < cols; c++) {
            out[to + c] = sums[c] / n;
        }
    }

    private static void addSubtractDivide(float[] sums, float[] in, int enter, int leave, float[] out, int to,
                                          int cols, int size) {
        float n = size;
        for (int c = 0; c < cols; c++) {
            float s = sums[c] + in[enter + c];
            s -= in[leave + c];
            sums[c] = s;
            out[to + c] = s / n;
        }
    }
}
