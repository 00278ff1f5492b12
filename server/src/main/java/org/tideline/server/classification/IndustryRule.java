package org.tideline.server.classification;

import java.util.Set;

/**
 * The Tech Coalition industry classification (adopted by its members in 2022, and used in reports to NCMEC): a letter
 * for the child's development, a digit for the content.
 * <ul>
 *   <li>{@code A}: prepubescent ({@link AgeBand#INFANT_TODDLER}, {@link AgeBand#PREPUBESCENT});
 *       {@code B}: pubescent ({@link AgeBand#PUBESCENT}, and {@link AgeBand#POST_PUBESCENT_MINOR}, because the scheme
 *       has no third class and B covers every minor past the onset of puberty).</li>
 *   <li>{@code 1}: a sex act ({@link Activity#isSexualActivity()}: penetrative, non-penetrative, with an animal,
 *       sadism); {@code 2}: lascivious exhibition, when there is no sex act.</li>
 * </ul>
 * Sharp edges: it covers material that is, or is indistinguishable from, a photograph of a child, so {@link
 * Depiction#DRAWN} is {@code NOT_IN_SCOPE} (a national or IWF rule may still catch it); erotic posing and non-sexual
 * nudity are {@code NOT_IN_SCOPE}; an unknown age gives {@code AGE_UNDETERMINED}, never a category.
 */
final class IndustryRule {
    static final String SEX_ACT = "1";
    static final String LASCIVIOUS_EXHIBITION = "2";

    static final Set<String> OUTCOMES =
            Set.of("A1", "A2", "B1", "B2", Verdict.NOT_IN_SCOPE, Verdict.AGE_UNDETERMINED);

    private IndustryRule() {}

    static String derive(Attributes attributes) {
        if (!attributes.depiction().appearsPhotographic()) {
            return Verdict.NOT_IN_SCOPE;
        }
        String content;
        if (attributes.showsSexualActivity()) {
            content = SEX_ACT;
        } else if (attributes.activities().contains(Activity.LASCIVIOUS_EXHIBITION)) {
            content = LASCIVIOUS_EXHIBITION;
        } else {
            return Verdict.NOT_IN_SCOPE;
        }
        return switch (attributes.ageBand()) {
            case INFANT_TODDLER, PREPUBESCENT -> "A" + content;
            case PUBESCENT, POST_PUBESCENT_MINOR -> "B" + content;
            case ADULT -> Verdict.NOT_IN_SCOPE;
            case UNKNOWN -> Verdict.AGE_UNDETERMINED;
        };
    }
}
