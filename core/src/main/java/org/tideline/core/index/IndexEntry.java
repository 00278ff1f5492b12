package org.tideline.core.index;

import java.util.Objects;

/**
 * A hash and the id stored with it (a bank content id, a file name; {@code ""} when there is none). The pair is
 * the entry's identity: adding the same pair twice stores it once.
 */
public record IndexEntry<H>(H hash, String id) {
    public IndexEntry {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(id, "id");
    }

    public IndexEntry(H hash) {
        this(hash, "");
    }
}
