package org.tideline.server.access;

/** What a route needs; roles grant sets of these. */
public enum Permission {
    /** Look hashes up and hash uploaded files. */
    MATCH,
    /** Read banks, their entries and settings. */
    BANK_READ,
    /** Create, change and delete banks and entries; import. */
    BANK_WRITE,
    /** Read the audit log and verify it. */
    AUDIT_READ,
    /** Manage the organisation's keys and users. */
    ORG_ADMIN,
    /** File reports of URLs with a hotline, as a partner (another hotline, a platform), and follow them up. */
    REPORT
}
