package org.tideline.server.classification;

/**
 * What the material shows, one value per element; an item records every element present, and no element is the empty
 * set (there is deliberately no {@code NONE}, so "nothing" has one representation). Values describe the content, not
 * a legal category: the same set yields IWF B and industry 1, for example.
 */
public enum Activity {
    /** Penetration of or by the child (vaginal, anal or oral), with a body part or an object. */
    PENETRATIVE_SEXUAL_ACTIVITY(true),
    /** Sexual touching or masturbation of, by or in the presence of the child, without penetration. */
    NON_PENETRATIVE_SEXUAL_ACTIVITY(true),
    /** Sexual activity involving an animal. */
    SEXUAL_ACTIVITY_WITH_ANIMAL(true),
    /** Sexual activity with the infliction of pain, bondage or degradation. */
    SADISM(true),
    /** The focus of the image is the genital or anal region, clothed or not. */
    LASCIVIOUS_EXHIBITION(false),
    /** Sexualised or provocative posing without that focus. */
    EROTIC_POSING(false),
    /** Nudity in a non-sexual context that the analyst judges not indecent (bath, beach, naturist setting). */
    NUDITY_NON_SEXUAL(false);

    private final boolean sexualActivity;

    Activity(boolean sexualActivity) {
        this.sexualActivity = sexualActivity;
    }

    /** A sexual act (the industry "1", the IWF A and B activities), as opposed to exhibition, posing or nudity. */
    public boolean isSexualActivity() {
        return sexualActivity;
    }
}
