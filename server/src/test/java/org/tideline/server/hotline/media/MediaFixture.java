package org.tideline.server.hotline.media;

import org.tideline.server.MovableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.store.Database;
import org.tideline.server.store.DatabaseConfig;
import org.tideline.server.store.Sql;

/** A database with one hotline organisation, its audit log and a vault under a fresh key. */
final class MediaFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    final MovableClock clock = new MovableClock(START);
    final Database db;
    final AuditLog audit;
    final MediaKey key;
    final MediaVault vault;
    final long orgId;

    MediaFixture(DatabaseConfig config) {
        this(config, MediaKey.fromBase64(randomKey()));
    }

    MediaFixture(DatabaseConfig config, MediaKey key) {
        this.db = Database.open(config);
        this.audit = new AuditLog(db, clock);
        this.key = key;
        this.vault = new MediaVault(db, audit, key, clock);
        this.orgId = db.transaction(c -> Sql.one(c, "SELECT id FROM organisation WHERE name = 'Hotline'",
                rs -> rs.getLong(1)).orElseGet(() -> insertOrganisation(c)));
    }

    /** The same database seen through a vault with another key. */
    MediaVault vaultWith(MediaKey other) {
        return new MediaVault(db, audit, other, clock);
    }

    static String randomKey() {
        return MediaKeyTest.randomKey();
    }

    private long insertOrganisation(Connection c) {
        try {
            return Sql.insert(c, "INSERT INTO organisation (name, type, created_at) VALUES (?, ?, ?)",
                    "Hotline", "HOTLINE", START);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        audit.close();
        db.close();
    }
}
