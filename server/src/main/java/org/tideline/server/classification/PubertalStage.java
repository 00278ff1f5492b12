package org.tideline.server.classification;

/**
 * The physical development visible in the material, recorded separately from the {@link AgeBand} because it is the
 * evidence an age assessment rests on, and because "development complete, age not assessable" (a post-pubescent body
 * that could be 16 or 25) is the commonest reason an item cannot be categorised.
 */
public enum PubertalStage {
    /** No sign of puberty. */
    PREPUBESCENT,
    /** Puberty begun but not complete. */
    PUBESCENT,
    /** Development complete: the body alone does not tell a minor from an adult. */
    POST_PUBESCENT,
    /** The material does not show enough to tell (clothed, cropped, too small). */
    UNKNOWN
}
