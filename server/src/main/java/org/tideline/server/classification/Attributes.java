package org.tideline.server.classification;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an analyst records about one item, in terms no law defines; every scheme's verdict is derived from these by a
 * {@link Classifier}. A record that contradicts itself is rejected here, so no verdict is ever derived from one:
 * <ul>
 *   <li>a minor {@link AgeBand} is named after a stage of development and admits only that {@link PubertalStage} or
 *       {@code UNKNOWN} ({@code ADULT} and {@code UNKNOWN} admit any stage);</li>
 *   <li>{@code selfGenerated} (the child made the image, alone or under coercion) requires {@link Depiction#REAL}.</li>
 * </ul>
 * {@code selfGenerated} never changes a verdict in the built-in schemes; it is kept because hotlines report it and it
 * routes an assessment (the child may need a helpline, not only a takedown).
 *
 * <p>The map form ({@link #toMap()}, {@link #parse(Map)}) is what the API and the database carry: the keys are the
 * constants below, enum values by {@code name()}, activities as a list in declaration order.
 *
 * @param activities every element the material shows; empty when none (copied, unmodifiable)
 */
public record Attributes(
        AgeBand ageBand,
        PubertalStage pubertalStage,
        Set<Activity> activities,
        Depiction depiction,
        boolean selfGenerated) {

    public static final String AGE_BAND = "ageBand";
    public static final String PUBERTAL_STAGE = "pubertalStage";
    public static final String ACTIVITIES = "activities";
    public static final String DEPICTION = "depiction";
    public static final String SELF_GENERATED = "selfGenerated";

    public Attributes {
        Objects.requireNonNull(ageBand, AGE_BAND);
        Objects.requireNonNull(pubertalStage, PUBERTAL_STAGE);
        Objects.requireNonNull(activities, ACTIVITIES);
        Objects.requireNonNull(depiction, DEPICTION);
        activities = Collections.unmodifiableSet(
                activities.isEmpty() ? EnumSet.noneOf(Activity.class) : EnumSet.copyOf(activities));
        if (!ageBand.admits(pubertalStage)) {
            throw new IllegalArgumentException(PUBERTAL_STAGE + " " + pubertalStage + " contradicts " + AGE_BAND + " "
                    + ageBand + "; with " + ageBand + " it must be one of " + AttributeFields.names(ageBand.admittedStages()));
        }
        if (selfGenerated && depiction != Depiction.REAL) {
            throw new IllegalArgumentException(SELF_GENERATED + " true requires " + DEPICTION + " " + Depiction.REAL
                    + " (a child cannot self-generate a " + depiction + " image)");
        }
    }

    /** Whether the material shows any of {@code these}. */
    public boolean showsAny(Set<Activity> these) {
        return !Collections.disjoint(activities, these);
    }

    /** Whether the material shows a sexual act ({@link Activity#isSexualActivity()}). */
    public boolean showsSexualActivity() {
        return activities.stream().anyMatch(Activity::isSexualActivity);
    }

    /**
     * Reads the map form. Values may be the enum names (exact case) or the enum constants; {@code activities} a
     * collection of them or one comma-separated string (the form a text column holds); {@code selfGenerated} a
     * {@link Boolean} or the string {@code true} or {@code false}. Every field is required and no other is allowed.
     *
     * @throws IllegalArgumentException naming the bad field and what it allows; the input value is never echoed
     */
    public static Attributes parse(Map<String, ?> fields) {
        return AttributeFields.parse(fields);
    }

    /** The map form: insertion-ordered, unmodifiable, strings, a list of strings and a {@link Boolean}. */
    public Map<String, Object> toMap() {
        return AttributeFields.toMap(this);
    }
}
