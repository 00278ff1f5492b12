package org.tideline.server.hotline.triage;

/** What the reporter says the URL leads to: the report form's "what is it" question. */
public enum ReportCategory {
    /** Child sexual abuse material: images, video or text depicting the sexual abuse of children. */
    CSAM,
    /** An adult in contact with a child for sexual purposes, or a child being coerced with sexual images. */
    GROOMING_OR_SEXTORTION,
    /** Anything else the reporter thinks harmful; often for another organisation, still assessed. */
    OTHER_HARM
}
