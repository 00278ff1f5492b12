package org.tideline.core.index;

/**
 * How one segment answers a query at one threshold: a flat scan, or a multi-index search probing table
 * {@code i} within chunk radius {@code radius[i]} ({@code -1}: not probed).
 */
record RadiusPlan(boolean flat, int[] radius, double estimatedNanos) {

    static RadiusPlan flat(double nanos) {
        return new RadiusPlan(true, new int[0], nanos);
    }

    int radius(int table) {
        return radius[table];
    }
}
