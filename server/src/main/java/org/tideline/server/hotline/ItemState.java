package org.tideline.server.hotline;

/** Where a captured media item is. */
public enum ItemState {
    /** Matched a bank: classified from the bank's verdicts, never shown by default. */
    KNOWN,
    /** New: waits for an analyst. */
    TO_ASSESS,
    /** An analyst recorded its attributes; waits for a second analyst. */
    ASSESSED,
    /** A second analyst agreed: it is now an entry of the hotline's bank (when illegal). */
    CONFIRMED
}
