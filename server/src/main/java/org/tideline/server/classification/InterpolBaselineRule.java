package org.tideline.server.classification;

import java.util.Set;

/**
 * INTERPOL's baseline: material that is illegal in any country, so that it can be removed and shared across borders
 * without a per-country legal review. All three criteria must hold:
 * <ul>
 *   <li>a real child: {@link Depiction#REAL} only; generated and AI-altered images are not baseline, however
 *       realistic;</li>
 *   <li>prepubescent or very young: {@link AgeBand#INFANT_TODDLER} or {@link AgeBand#PREPUBESCENT};</li>
 *   <li>a sexual act ({@link Activity#isSexualActivity()}) or a focus on the genital or anal region
 *       ({@link Activity#LASCIVIOUS_EXHIBITION}).</li>
 * </ul>
 * Binary by design: anything short of all three, an unknown age included, is {@code NOT_BASELINE}. It is a floor for
 * cross-border action, not a statement that the rest is legal.
 */
final class InterpolBaselineRule {
    static final String BASELINE = "BASELINE";
    static final String NOT_BASELINE = "NOT_BASELINE";

    static final Set<String> OUTCOMES = Set.of(BASELINE, NOT_BASELINE);

    private InterpolBaselineRule() {}

    static String derive(Attributes attributes) {
        boolean realChild = attributes.depiction() == Depiction.REAL;
        boolean prepubescentOrVeryYoung = switch (attributes.ageBand()) {
            case INFANT_TODDLER, PREPUBESCENT -> true;
            case PUBESCENT, POST_PUBESCENT_MINOR, ADULT, UNKNOWN -> false;
        };
        boolean sexualContent = attributes.showsSexualActivity()
                || attributes.activities().contains(Activity.LASCIVIOUS_EXHIBITION);
        return realChild && prepubescentOrVeryYoung && sexualContent ? BASELINE : NOT_BASELINE;
    }
}
