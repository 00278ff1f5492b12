package org.tideline.server.exchange;

import java.io.IOException;
import org.tideline.server.bank.BankContent;

/** Writes a bank's entries in one format, one at a time. */
interface ListWriter {

    /** Anything that precedes the entries (a header row). */
    void begin() throws IOException;

    void write(BankContent entry) throws IOException;

    /** Anything that follows the entries; flushes. */
    void end() throws IOException;
}
