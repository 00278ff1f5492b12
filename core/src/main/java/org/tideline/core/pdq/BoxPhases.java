package org.tideline.core.pdq;

/**
 * The four phases of the reference's one-dimensional box filter ({@code box1DFloat}) over {@code length} samples
 * with a window of {@code window}: accumulate without output, output while the window grows, output with the
 * full window, output while it shrinks. Every pass in this package walks these phases in this order, which is
 * what keeps its float operations in the reference's order.
 *
 * @param accumulate samples summed before the first output
 * @param grow       outputs while the window grows (each adds one sample)
 * @param full       outputs with the full window (each adds one sample and subtracts one)
 * @param shrink     outputs while the window shrinks (each subtracts one sample)
 */
record BoxPhases(int accumulate, int grow, int full, int shrink) {

    static BoxPhases of(int length, int window) {
        int half = (window + 2) / 2;
        return new BoxPhases(half - 1, window - half + 1, length - window, half - 1);
    }
}
