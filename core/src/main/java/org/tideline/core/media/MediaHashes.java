package org.tideline.core.media;

import java.util.Objects;
import org.tideline.core.pdq.PdqResult;

/** Everything Tideline computes for one image file: its exact digests and its PDQ hash. */
public record MediaHashes(Digests digests, PdqResult pdq, int width, int height) {
    public MediaHashes {
        Objects.requireNonNull(digests, "digests");
        Objects.requireNonNull(pdq, "pdq");
    }
}
