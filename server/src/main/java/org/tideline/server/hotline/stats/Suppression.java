package org.tideline.server.hotline.stats;

import java.util.List;
import java.util.Locale;

/**
 * Small-cell suppression: a count under the threshold could point at one case (one report from a small country,
 * one host), so it is shown as {@code "<N"}, and so is every share or median computed over it.
 */
final class Suppression {

    private final int threshold;

    Suppression(int threshold) {
        this.threshold = Math.max(1, threshold);
    }

    String label() {
        return "<" + threshold;
    }

    boolean small(long count) {
        return count > 0 && count < threshold;
    }

    String count(long n) {
        return small(n) ? label() : Long.toString(n);
    }

    /** {@code part / whole}, suppressed when either cell is small; empty when there is nothing to divide by. */
    String share(long part, long whole) {
        if (whole == 0) {
            return "";
        }
        if (small(whole) || small(part)) {
            return label();
        }
        return String.format(Locale.ROOT, "%.3f", (double) part / whole);
    }

    /** The median of {@code hours}, suppressed when fewer than the threshold values feed it. */
    String median(List<Double> hours) {
        if (hours.isEmpty()) {
            return "";
        }
        if (small(hours.size())) {
            return label();
        }
        List<Double> sorted = hours.stream().sorted().toList();
        int n = sorted.size();
        double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "%.1f", m);
    }
}
