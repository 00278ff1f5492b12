package org.tideline.server.classification;

/**
 * How the image was made. The line the law draws is whether it <em>looks like a photograph</em> (UK "pseudo-photograph",
 * US "indistinguishable from"), not which tool made it, so {@link #DRAWN} covers every non-photographic image, whatever
 * its origin, and the two generated values cover photorealistic images only.
 */
public enum Depiction {
    /** A photograph or video of a real person, not materially altered. */
    REAL,
    /** Non-photographic: drawing, painting, cartoon, anime, or any rendering (AI-made included) that does not look like a photograph. */
    DRAWN,
    /** Looks like a photograph but was made with computer graphics without generative AI: renders, morphs, composites. */
    COMPUTER_GENERATED,
    /** Looks like a photograph and was made, or altered, by generative AI. */
    AI_GENERATED;

    /** Photographs and images that appear to be photographs; the law treats both alike. */
    public boolean appearsPhotographic() {
        return this != DRAWN;
    }
}
