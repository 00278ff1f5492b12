package org.tideline.server.classification;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The categories the IWF assesses against: UK law, where a child is anyone under 18.
 * <p>Photographs and pseudo-photographs (Protection of Children Act 1978, s.7: an image "which appears to be a
 * photograph", however made), so {@link Depiction#REAL}, {@link Depiction#COMPUTER_GENERATED} and {@link
 * Depiction#AI_GENERATED} alike, take the Sentencing Council's categories (Sexual Offences Definitive Guideline, 2014):
 * <ul>
 *   <li>{@code IWF_A}: penetrative sexual activity, sexual activity with an animal, or sadism;</li>
 *   <li>{@code IWF_B}: non-penetrative sexual activity;</li>
 *   <li>{@code IWF_C}: other indecent images: lascivious exhibition or erotic posing.</li>
 * </ul>
 * <p>Non-photographic images ({@link Depiction#DRAWN}) are never A, B or C. They are {@code IWF_PROHIBITED}
 * (Coroners and Justice Act 2009, s.62) when they focus on the genital or anal region or show one of the acts s.62(7)
 * lists (intercourse, oral sex, masturbation, penetration, acts with an animal): here, any sex act except sadism
 * alone, which s.62 does not list (when sadistic material also shows a listed act, the analyst records that act too).
 * Erotic posing alone is not prohibited. s.62 also requires the image to be pornographic and grossly offensive; the
 * analyst's recording of a sexual activity or genital focus is taken to establish both.
 * <p>Sharp edges: non-sexual nudity is not indecent ({@code NOT_ILLEGAL}); an adult is {@code NOT_IN_SCOPE} whatever
 * the content; an unknown age gives {@code AGE_UNDETERMINED} only when the content would otherwise be categorised.
 */
final class IwfRule {
    static final String CATEGORY_A = "IWF_A";
    static final String CATEGORY_B = "IWF_B";
    static final String CATEGORY_C = "IWF_C";
    static final String PROHIBITED = "IWF_PROHIBITED";

    static final Set<String> OUTCOMES = Set.of(CATEGORY_A, CATEGORY_B, CATEGORY_C, PROHIBITED,
            Verdict.NOT_ILLEGAL, Verdict.NOT_IN_SCOPE, Verdict.AGE_UNDETERMINED);

    private static final Set<Activity> CATEGORY_A_ACTIVITIES = EnumSet.of(
            Activity.PENETRATIVE_SEXUAL_ACTIVITY, Activity.SEXUAL_ACTIVITY_WITH_ANIMAL, Activity.SADISM);
    private static final Set<Activity> CATEGORY_B_ACTIVITIES = EnumSet.of(Activity.NON_PENETRATIVE_SEXUAL_ACTIVITY);
    private static final Set<Activity> CATEGORY_C_ACTIVITIES = EnumSet.of(
            Activity.LASCIVIOUS_EXHIBITION, Activity.EROTIC_POSING);
    private static final Set<Activity> PROHIBITED_IMAGE_ACTIVITIES = EnumSet.of(
            Activity.PENETRATIVE_SEXUAL_ACTIVITY, Activity.NON_PENETRATIVE_SEXUAL_ACTIVITY,
            Activity.SEXUAL_ACTIVITY_WITH_ANIMAL, Activity.LASCIVIOUS_EXHIBITION);

    private IwfRule() {}

    static String derive(Attributes attributes) {
        if (attributes.ageBand() == AgeBand.ADULT) {
            return Verdict.NOT_IN_SCOPE;
        }
        Optional<String> category = attributes.depiction().appearsPhotographic()
                ? photographCategory(attributes)
                : prohibitedImage(attributes);
        if (category.isEmpty()) {
            return Verdict.NOT_ILLEGAL;
        }
        return attributes.ageBand().isMinor() ? category.get() : Verdict.AGE_UNDETERMINED;
    }

    private static Optional<String> photographCategory(Attributes attributes) {
        if (attributes.showsAny(CATEGORY_A_ACTIVITIES)) {
            return Optional.of(CATEGORY_A);
        }
        if (attributes.showsAny(CATEGORY_B_ACTIVITIES)) {
            return Optional.of(CATEGORY_B);
        }
        if (attributes.showsAny(CATEGORY_C_ACTIVITIES)) {
            return Optional.of(CATEGORY_C);
        }
        return Optional.empty();
    }

    private static Optional<String> prohibitedImage(Attributes attributes) {
        return attributes.showsAny(PROHIBITED_IMAGE_ACTIVITIES) ? Optional.of(PROHIBITED) : Optional.empty();
    }
}
