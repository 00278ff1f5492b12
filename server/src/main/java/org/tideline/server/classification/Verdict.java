package org.tideline.server.classification;

import java.time.Instant;
import java.util.Objects;

/**
 * One scheme's verdict on one item, with what it takes to defend it later: which scheme and which version of its rule
 * produced the value, who supplied the attributes and when. Verdicts are derived, never edited: a correction is new
 * {@link Attributes} and a new verdict, so the old one stays attributable.
 *
 * @param scheme        {@link VerdictRule#name()}, e.g. {@code INDUSTRY}
 * @param schemeVersion {@link VerdictRule#version()} at the time of assessment
 * @param value         one of that rule's {@link VerdictRule#outcomes()}, e.g. {@code A1}, {@code IWF_B},
 *                      {@code BASELINE}, or one of the shared values below
 * @param assessor      who recorded the attributes: a user id, not a person's name
 * @param assessedAt    when the verdict was derived, to the microsecond
 */
public record Verdict(String scheme, String schemeVersion, String value, String assessor, Instant assessedAt) {

    /** The item depicts an adult: outside a scheme that is about children, whatever it shows. */
    public static final String NOT_IN_SCOPE = "NOT_IN_SCOPE";

    /** The content would be categorised if the person were a minor, but the age could not be assessed. */
    public static final String AGE_UNDETERMINED = "AGE_UNDETERMINED";

    /** Nothing the law behind the scheme makes illegal (for legal schemes; the industry scheme says NOT_IN_SCOPE). */
    public static final String NOT_ILLEGAL = "NOT_ILLEGAL";

    public Verdict {
        requireText(scheme, "scheme");
        requireText(schemeVersion, "schemeVersion");
        requireText(value, "value");
        requireText(assessor, "assessor");
        Objects.requireNonNull(assessedAt, "assessedAt");
    }

    static void requireText(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
