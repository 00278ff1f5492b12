package org.tideline.server.exchange;

import org.tideline.server.bank.NewContent;

/** One record of a hash list as read: an entry to add, a row refused, or a row deliberately passed over. */
sealed interface ListRecord {

    /** The line the record starts on (1-based). */
    long line();

    /** A row that reads as an entry; its signals are checked when it is imported. */
    record Entry(long line, NewContent content) implements ListRecord {}

    /** A row that cannot be an entry: malformed, or missing what an entry needs. */
    record Bad(long line, String reason) implements ListRecord {}

    /** A well-formed row that is not for a bank: a tombstone, a withdrawn hash, a signal type Tideline does not store. */
    record Skipped(long line, String reason) implements ListRecord {}
}
