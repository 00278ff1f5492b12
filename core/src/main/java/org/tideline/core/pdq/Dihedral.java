package org.tideline.core.pdq;

/**
 * The eight symmetries of a rectangle, in the column order of Meta's reference output (original, rotate 90,
 * rotate 180, rotate 270, flip x, flip y, flip plus-1 = transpose, flip minus-1 = anti-transpose).
 *
 * <p>PDQ computes these from the 16x16 DCT of the original rather than re-hashing transformed pixels: a
 * transform of the image permutes and sign-flips DCT coefficients. A horizontal flip negates odd-indexed
 * basis functions along x, a transpose swaps the two indexes; the sign patterns below are Meta's
 * ({@code pdqhashing.cpp}), where coefficient (i, j) is row frequency i + 1 and column frequency j + 1, which is why
 * "odd" in the tables below means an even index.
 */
public enum Dihedral {
    ORIGINAL(false) {
        @Override boolean negate(int i, int j) { return false; }
    },
    ROTATE_90(true) {
        @Override boolean negate(int i, int j) { return (j & 1) == 0; }
    },
    ROTATE_180(false) {
        @Override boolean negate(int i, int j) { return ((i + j) & 1) != 0; }
    },
    ROTATE_270(true) {
        @Override boolean negate(int i, int j) { return (i & 1) == 0; }
    },
    FLIP_X(false) {
        @Override boolean negate(int i, int j) { return (i & 1) == 0; }
    },
    FLIP_Y(false) {
        @Override boolean negate(int i, int j) { return (j & 1) == 0; }
    },
    FLIP_PLUS_1(true) {
        @Override boolean negate(int i, int j) { return false; }
    },
    FLIP_MINUS_1(true) {
        @Override boolean negate(int i, int j) { return ((i + j) & 1) != 0; }
    };

    private final boolean transposes;

    Dihedral(boolean transposes) {
        this.transposes = transposes;
    }

    /** Whether coefficient (i, j) of the original changes sign under this transform. */
    abstract boolean negate(int i, int j);

    /** Writes into {@code out} the 16x16 DCT of the transformed image, given that of the original. */
    void applyToDct(float[] dct16x16, float[] out) {
        for (int i = 0; i < Dct.OUT; i++) {
            for (int j = 0; j < Dct.OUT; j++) {
                float v = dct16x16[i * Dct.OUT + j];
                int target = transposes ? j * Dct.OUT + i : i * Dct.OUT + j;
                out[target] = negate(i, j) ? -v : v;
            }
        }
    }
}
