package org.tideline.core.pdq;

/**
 * The part of a 64x64 2-D DCT-II that PDQ keeps: coefficients 1..16 in each direction (the DC term is dropped),
 * as {@code B = D A D^T} with D the 16x64 DCT matrix.
 *
 * <p>For bit-exactness each sum runs over k = 0..63 in order with float products and float additions, exactly as
 * {@code dct64To16} in Meta's {@code pdqhashing.cpp} (compiled there without FMA contraction). The first product
 * is written so that eight outputs along j share each loaded matrix value: that changes which outputs are in
 * flight, not the order of any sum.
 */
final class Dct {

    static final int IN = 64;
    static final int OUT = 16;

    /** D[i][j] = sqrt(2/64) * cos(pi / 128 * (i + 1) * (2j + 1)); the scale is rounded to float first, as upstream. */
    private static final float[] MATRIX = buildMatrix();

    private Dct() {
    }

    private static float[] buildMatrix() {
        float scale = (float) Math.sqrt(2.0 / IN);
        float[] m = new float[OUT * IN];
        for (int i = 0; i < OUT; i++) {
            for (int j = 0; j < IN; j++) {
                m[i * IN + j] = (float) (scale * Math.cos((Math.PI / 2 / IN) * (i + 1) * (2 * j + 1)));
            }
        }
        return m;
    }

    /**
     * @param a   64x64 input, row-major
     * @param t   16x64 scratch
     * @param out 16x16 output, row-major
     */
    static void dct64To16(float[] a, float[] t, float[] out) {
        // T = D A: row i of T is a weighted sum of the rows of A, accumulated over k in order.
        for (int i = 0; i < OUT; i++) {
            int trow = i * IN;
            for (int j = 0; j < IN; j++) {
                t[trow + j] = 0.0f;
            }
            for (int k = 0; k < IN; k++) {
                float d = MATRIX[i * IN + k];
                int arow = k * IN;
                for (int j = 0; j < IN; j++) {
                    t[trow + j] += d * a[arow + j];
                }
            }
        }
        // B = T D^T: dot products of rows of T with rows of D.
        for (int i = 0; i < OUT; i++) {
            int trow = i * IN;
            for (int j = 0; j < OUT; j++) {
                int drow = j * IN;
                float sum = 0.0f;
                for (int k = 0; k < IN; k++) {
                    sum += t[trow + k] * MATRIX[drow + k];
                }
                out[i * OUT + j] = sum;
            }
        }
    }
}
