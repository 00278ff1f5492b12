package org.tideline.server.hotline.triage;

/**
 * Why a {@link Triage} came out as it did: one code per rule that applied, for the audit trail and the analyst's
 * queue. The names are stable codes; the rules are in {@link PriorityRules}.
 */
public enum TriageReason {
    /** The reporter says a child is in immediate danger. */
    CHILD_IN_IMMEDIATE_DANGER,
    /** Grooming or sextortion: someone is in contact with a child now. */
    LIVE_CONTACT_WITH_CHILD,
    /** Suspected abuse material. */
    CSAM_REPORTED,
    /** Suspected abuse material on file sharing or chat, where links and groups disappear within hours or days. */
    SHORT_LIVED_SITE,
    /** Harm other than child sexual abuse. */
    OTHER_HARM_REPORTED,
    /** The exact URL is on the known list as abuse. */
    KNOWN_ABUSE_URL,
    /** The URL's host or domain is on the known list as a site dedicated to abuse. */
    KNOWN_ABUSE_SITE,
    /** The exact URL is on the known list as benign. */
    KNOWN_BENIGN_URL,
    /** The URL's host or domain is on the known list as benign; recorded, but it changes nothing. */
    KNOWN_BENIGN_SITE,
    /** Many other reports name the same URL. */
    WIDELY_REPORTED
}
