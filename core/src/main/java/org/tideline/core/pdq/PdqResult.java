package org.tideline.core.pdq;

import java.util.List;
import java.util.Objects;

/**
 * A PDQ hash with its quality, and (when asked for) the hashes of the image's eight dihedral transforms in
 * {@link Dihedral} order; the first of those is the hash itself.
 */
public record PdqResult(PdqHash hash, int quality, List<PdqHash> dihedral) {

    /** Below this quality a hash says too little about the image to be trusted for matching. */
    public static final int MIN_TRUSTED_QUALITY = 50;

    public PdqResult {
        Objects.requireNonNull(hash, "hash");
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("quality must be 0..100, got " + quality);
        }
        dihedral = List.copyOf(dihedral);
        if (!dihedral.isEmpty() && dihedral.size() != Dihedral.values().length) {
            throw new IllegalArgumentException("expected 0 or 8 dihedral hashes, got " + dihedral.size());
        }
    }

    /** True when quality is below {@link #MIN_TRUSTED_QUALITY}. */
    public boolean isLowQuality() {
        return quality < MIN_TRUSTED_QUALITY;
    }

    /** The hash of one dihedral transform; requires the result to have been computed with dihedral hashes. */
    public PdqHash dihedral(Dihedral transform) {
        if (dihedral.isEmpty()) {
            throw new IllegalStateException("dihedral hashes were not computed");
        }
        return dihedral.get(transform.ordinal());
    }
}
