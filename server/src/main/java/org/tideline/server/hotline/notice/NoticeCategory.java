package org.tideline.server.hotline.notice;

/**
 * What the hotline assessed the material as, in the words a notice uses. These are legal categories, worded the
 * same way for every report: a notice never describes what the images show, both because the recipient does not
 * need it to act and because such a description would itself be harmful to send around.
 */
public enum NoticeCategory {
    /** Child sexual abuse material (the term of the Luxembourg Terminology Guidelines). */
    CSAM,
    /** Child sexual abuse material made by computer or AI, which the law of many countries treats the same. */
    GENERATED_CSAM,
    /** Material related to the sexual exploitation of children that is not itself abuse imagery. */
    CHILD_SEXUAL_EXPLOITATION
}
