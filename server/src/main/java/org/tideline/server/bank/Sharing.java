package org.tideline.server.bank;

/** Who may match against a bank and read it, besides the organisation that owns it. */
public enum Sharing {
    /** The owner only. */
    PRIVATE,
    /** The owner and the organisations the bank names. */
    ORGANISATIONS,
    /** Every member organisation. */
    ALLIANCE
}
