package org.tideline.server.hotline.triage;

/**
 * How urgently a report is handled, most urgent first, so the natural order of the constants is queue order.
 */
public enum Priority {
    /** A child may be harmed now: handled before anything else, and a supervisor is alerted. */
    IMMINENT_RISK,
    /** Live contact with a child, material likely to vanish before it is captured, or already known abuse. */
    HIGH,
    /** The usual report of suspected abuse material. */
    NORMAL,
    /** Outside the hotline's core remit, or a URL already assessed as benign. Still looked at, last. */
    LOW;

    /** Whether this is handled before {@code other}. */
    public boolean isMoreUrgentThan(Priority other) {
        return compareTo(other) < 0;
    }

    /** The more urgent of the two. */
    static Priority mostUrgent(Priority a, Priority b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
