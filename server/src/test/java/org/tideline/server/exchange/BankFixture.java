package org.tideline.server.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.tideline.server.access.AccessService;
import org.tideline.server.access.Caller;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.BankService;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.ChangeLog;
import org.tideline.server.store.Database;
import org.tideline.server.store.DatabaseConfig;
import org.tideline.server.store.Sql;

/** A database with one organisation, its curator, and the import and export services. */
final class BankFixture implements AutoCloseable {

    final Database db;
    final AuditLog audit;
    final BankService banks;
    final BankImporter importer;
    final BankExporter exporter;
    final Caller curator;
    final AccessService access;

    private BankFixture(Database db, boolean fresh) {
        this.db = db;
        this.audit = new AuditLog(db, Clock.systemUTC());
        this.access = new AccessService(db, Clock.systemUTC(), audit);
        this.banks = new BankService(db, Clock.systemUTC(), audit);
        this.importer = new BankImporter(db, banks, audit, Clock.systemUTC());
        this.exporter = new BankExporter(banks, audit);
        var org = fresh ? access.createOrganisation("Hotline", OrgType.HOTLINE)
                : access.organisation("Hotline").orElseThrow();
        this.curator = new Caller(org.id(), org.name(), Role.CURATOR, org.operator(), "test:curator");
    }

    static BankFixture open(DatabaseConfig config) {
        return new BankFixture(Database.open(config), true);
    }

    /** A database an earlier fixture set up. */
    static BankFixture reopen(DatabaseConfig config) {
        return new BankFixture(Database.open(config), false);
    }

    BankFixture bank(String name) {
        banks.createBank(curator, BankSettings.named(name));
        return this;
    }

    ImportSummary importText(String bank, String text, ImportOptions options) {
        return importText(bank, text, options, p -> { });
    }

    ImportSummary importText(String bank, String text, ImportOptions options, Consumer<ImportProgress> progress) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            return importer.importStream(curator, bank, new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length),
                    options, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long entries(String bank) {
        return db.transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM bank_content bc JOIN bank b ON b.id = bc.bank_id"
                + " WHERE b.name = ?", bank));
    }

    /** Every signal of the bank, as {@code type:value}; duplicates would be caught by the set's size. */
    Set<String> signals(String bank) {
        var rows = db.transaction(c -> Sql.list(c, "SELECT s.signal_type, s.signal_value FROM bank_signal s"
                + " JOIN bank b ON b.id = s.bank_id WHERE b.name = ?", rs -> rs.getString(1) + ":" + rs.getString(2), bank));
        Set<String> set = new HashSet<>(rows);
        if (set.size() != rows.size()) {
            throw new AssertionError("duplicate signals in " + bank);
        }
        return set;
    }

    long entriesWithoutSignals(String bank) {
        return db.transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM bank_content bc JOIN bank b ON b.id = bc.bank_id"
                + " WHERE b.name = ? AND NOT EXISTS (SELECT 1 FROM bank_signal s WHERE s.content_id = bc.id)", bank));
    }

    /** Entries of the bank that have a CONTENT_CHANGED change-log record. */
    long entriesInChangeLog(String bank) {
        return db.transaction(c -> Sql.count(c, "SELECT COUNT(DISTINCT l.content_id) FROM change_log l"
                + " JOIN bank b ON b.id = l.bank_id WHERE b.name = ? AND l.kind = 'CONTENT_CHANGED'", bank));
    }

    long changeHead() {
        return db.transaction(ChangeLog::head);
    }

    @Override
    public void close() {
        audit.close();
        db.close();
    }
}
