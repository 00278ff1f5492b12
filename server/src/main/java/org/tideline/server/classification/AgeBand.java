package org.tideline.server.classification;

import java.util.EnumSet;
import java.util.Set;

/**
 * The age of the person depicted as the analyst assesses it: the established age when it is known (an identified
 * victim, a stated age), otherwise the apparent age. The minor bands are named after development because that is what
 * an analyst can see and what the schemes key on; each admits only the {@link PubertalStage} its name implies.
 */
public enum AgeBand {
    /** A baby or toddler: "very young" in INTERPOL's baseline terms. */
    INFANT_TODDLER(EnumSet.of(PubertalStage.PREPUBESCENT, PubertalStage.UNKNOWN)),
    /** A child showing no sign of puberty. */
    PREPUBESCENT(EnumSet.of(PubertalStage.PREPUBESCENT, PubertalStage.UNKNOWN)),
    /** A child in puberty. */
    PUBESCENT(EnumSet.of(PubertalStage.PUBESCENT, PubertalStage.UNKNOWN)),
    /** A minor whose development looks complete; usually known from context, as appearance rarely separates 16 from 19. */
    POST_PUBESCENT_MINOR(EnumSet.of(PubertalStage.POST_PUBESCENT, PubertalStage.UNKNOWN)),
    /** Eighteen or over; any stage, because an established adult who looks younger is still an adult. */
    ADULT(EnumSet.allOf(PubertalStage.class)),
    /** Not assessable; never yields a criminal category, whatever the stage. */
    UNKNOWN(EnumSet.allOf(PubertalStage.class));

    private final Set<PubertalStage> admittedStages;

    AgeBand(Set<PubertalStage> admittedStages) {
        this.admittedStages = admittedStages;
    }

    /** Under eighteen. False for {@link #UNKNOWN}: minority is never inferred. */
    public boolean isMinor() {
        return this != ADULT && this != UNKNOWN;
    }

    /** Whether a record may pair this band with {@code stage} without contradicting itself. */
    public boolean admits(PubertalStage stage) {
        return admittedStages.contains(stage);
    }

    /** The stages this band admits, in declaration order (for error messages and forms). */
    Set<PubertalStage> admittedStages() {
        return EnumSet.copyOf(admittedStages);
    }
}
