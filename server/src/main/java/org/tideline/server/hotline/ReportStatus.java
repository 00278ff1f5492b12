package org.tideline.server.hotline;

/** Where a report is in its life. */
public enum ReportStatus {
    /** Filed and triaged; its URLs wait for the capture worker. */
    RECEIVED,
    /** Captured; something in it needs an analyst (or nothing could be captured and an analyst must say why). */
    QUEUED,
    /** An analyst has assessed it; a second analyst must confirm before anything becomes a bank entry. */
    ASSESSED,
    /** Done: outcome recorded (and confirmed, where that is needed). */
    CLOSED,
    /** Forward-only mode: handed to law enforcement unassessed. */
    FORWARDED
}
