package org.tideline.server.hotline;

/** What an analyst concludes about a report as a whole. */
public enum Outcome {
    /** Illegal material (or illegal conduct) found: referral and, after confirmation, bank entries. */
    ILLEGAL,
    /** Looked at, and not illegal under the hotline's law. */
    NOT_ILLEGAL,
    /** Not something this hotline deals with (e.g. adult content, another kind of harm). */
    OUTSIDE_REMIT,
    /** The page or its media could not be reached. */
    COULD_NOT_ACCESS,
    /** Already reported and handled. */
    DUPLICATE
}
