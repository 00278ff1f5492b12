package org.tideline.core.index;

import java.util.Arrays;

/**
 * Chooses per-table radii for a threshold by the generalized pigeonhole principle, and a flat scan when that is
 * cheaper.
 *
 * <p><b>Exactness.</b> Let the chunks be disjoint bit sets and {@code d_i} the distance of query and stored hash
 * on chunk {@code i}; then {@code d >= sum d_i}. Choose radii {@code r_i >= -1} with
 * {@code sum (r_i + 1) >= t + 1}. If no table had {@code d_i <= r_i}, every {@code d_i >= r_i + 1}, so
 * {@code d >= t + 1 > t}. Hence every hash within {@code t} lies, in some table {@code i}, within chunk radius
 * {@code r_i} of the query's chunk, where the search enumerates every bucket of that radius; every candidate is
 * then verified on all its bits. No false negatives, no false positives. ({@code r_i = -1} skips a table; the
 * classic multi-index hashing of Norouzi et al., CVPR 2012, is the even split; varying the split per table is
 * the generalized pigeonhole of Qin et al., "GPH: Similarity Search in Hamming Space", ICDE 2018.)
 *
 * <p><b>Choice.</b> A dynamic program over tables and the radius budget minimises {@link CostModel}'s expected
 * cost; it reduces to the even split for equal chunks and favours the long chunks otherwise.
 */
final class QueryPlanner {

    /** Radii beyond this are never worth probing (the ball volumes outgrow a flat scan). */
    static final int MAX_RADIUS = 10;

    private QueryPlanner() {
    }

    static RadiusPlan plan(ChunkLayout layout, long entries, int threshold) {
        return plan(layout, entries, threshold, true);
    }

    /** With {@code allowFlat} false, the cheapest multi-index plan, or a flat one only if none exists. */
    static RadiusPlan plan(ChunkLayout layout, long entries, int threshold, boolean allowFlat) {
        double flat = allowFlat ? CostModel.flatNanos(entries) : Double.POSITIVE_INFINITY;
        int m = layout.tables();
        if (m == 0 || entries == 0) {
            return RadiusPlan.flat(CostModel.flatNanos(entries));
        }
        int need = threshold + 1;
        // best[s] = cheapest cost with budget sum (r_i + 1) == s (s capped at need); choice[i][s] = r_i used.
        double[] best = new double[need + 1];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = 0;
        int[][] choice = new int[m][need + 1];
        int[][] from = new int[m][need + 1];
        for (int i = 0; i < m; i++) {
            double[] next = new double[need + 1];
            Arrays.fill(next, Double.POSITIVE_INFINITY);
            for (int s = 0; s <= need; s++) {
                if (best[s] == Double.POSITIVE_INFINITY) continue;
                for (int r = -1; r <= Math.min(MAX_RADIUS, layout.length(i)); r++) {
                    if (FlipPatterns.volume(layout.dirBits(i), r) > FlipPatterns.MAX_PATTERNS) break;
                    double cost = best[s] + CostModel.tableNanos(entries, layout.length(i), layout.dirBits(i), r);
                    int to = Math.min(need, s + r + 1);
                    if (cost < next[to]) {
                        next[to] = cost;
                        choice[i][to] = r;
                        from[i][to] = s;
                    }
                }
            }
            best = next;
        }
        if (best[need] >= flat || best[need] == Double.POSITIVE_INFINITY) {
            return RadiusPlan.flat(CostModel.flatNanos(entries));
        }
        int[] radius = new int[m];
        int s = need;
        for (int i = m - 1; i >= 0; i--) {
            radius[i] = choice[i][s];
            s = from[i][s];
        }
        return new RadiusPlan(false, radius, best[need]);
    }
}
