package org.tideline.core.pdq;

/**
 * Median by Torben Mogensen's method, as Meta's {@code torben.cpp}: repeated bisection of the value range without
 * moving the data. PDQ sets a hash bit for each DCT coefficient strictly greater than this value, so the exact
 * value returned for an even count (the lower middle element, or the guess when it splits ties) matters.
 */
final class TorbenMedian {

    private TorbenMedian() {
    }

    static float of(float[] m) {
        int n = m.length;
        float min = m[0];
        float max = m[0];
        for (int i = 1; i < n; i++) {
            if (m[i] < min) min = m[i];
            if (m[i] > max) max = m[i];
        }
        int half = (n + 1) / 2;
        while (true) {
            float guess = (min + max) / 2;
            int less = 0;
            int greater = 0;
            int equal = 0;
            float maxLessThanGuess = min;
            float minGreaterThanGuess = max;
            for (int i = 0; i < n; i++) {
                float v = m[i];
                if (v < guess) {
                    less++;
                    if (v > maxLessThanGuess) maxLessThanGuess = v;
                } else if (v > guess) {
                    greater++;
                    if (v < minGreaterThanGuess) minGreaterThanGuess = v;
                } else {
                    equal++;
                }
            }
            if (less <= half && greater <= half) {
                if (less >= half) return maxLessThanGuess;
                if (less + equal >= half) return guess;
                return minGreaterThanGuess;
            } else if (less > greater) {
                max = maxLessThanGuess;
            } else {
                min = minGreaterThanGuess;
            }
        }
    }
}
