package org.tideline.core.index;

import java.util.Objects;

/**
 * One stored entry found by a search: its hash, the id it was stored with, and its Hamming distance from the
 * query (always 0 for digests).
 */
public record Match<H>(H hash, String id, int distance) {
    public Match {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(id, "id");
        if (distance < 0) {
            throw new IllegalArgumentException("distance must not be negative: " + distance);
        }
    }
}
