package org.tideline.server.exchange;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.tideline.server.access.Caller;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.BankContent;
import org.tideline.server.bank.BankService;

/**
 * Writes a bank's entries as a hash list, a page of {@link #PAGE} entries at a time in id order, so that no more
 * than a page is ever in memory. Each page is its own read: entries added while an export runs may or may not be
 * in it, and none is written twice. Every entry of the bank is written, including disabled and quarantined ones
 * (the list is the bank's content; its switches are not part of the formats). The export is audited.
 */
public final class BankExporter {

    static final int PAGE = 1_000;

    private final BankService banks;
    private final AuditLog audit;

    public BankExporter(BankService banks, AuditLog audit) {
        this.banks = banks;
        this.audit = audit;
    }

    /**
     * Checks that the caller may read the bank and the format can be written, before anything is written: a
     * refusal then answers as an error rather than as a truncated file.
     */
    public void check(Caller caller, String bankName, HashListFormat format) {
        banks.bank(caller, bankName);
        if (!format.writable()) {
            format.writer(Writer.nullWriter());
        }
    }

    /** Writes the bank to {@code out} (flushed, not closed) and answers how many entries were written. */
    public long export(Caller caller, String bankName, HashListFormat format, Writer out) throws IOException {
        check(caller, bankName, format);
        ListWriter writer = format.writer(out);
        writer.begin();
        long count = 0;
        long after = 0;
        while (true) {
            List<BankContent> page = banks.contentPage(caller, bankName, after, PAGE);
            for (BankContent entry : page) {
                writer.write(entry);
            }
            count += page.size();
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().id();
        }
        writer.end();
        audit.append(audit.event(caller, "bank.export", "bank:" + bankName,
                "format=" + format.label() + " entries=" + count));
        return count;
    }
}
