package org.tideline.server.bank;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tideline.server.store.Sql;

/**
 * The ordered log of bank changes, written in the same transaction as the change itself.
 *
 * <p>Ordering: sequence numbers come from the single {@code change_counter} row, updated inside the writing
 * transaction. Its row lock is held until commit, so transactions take numbers in commit order and a reader that
 * sees number N already sees every number below N. (An identity column would not give that: a transaction can
 * take number 5, commit after 6, and a follower that already moved past 6 would miss it.)
 */
public final class ChangeLog {

    private ChangeLog() {}

    /** Appends changes; {@code seq} and {@code at} of the given records are ignored and assigned here. */
    static void append(Connection c, Instant at, List<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        Sql.update(c, "UPDATE change_counter SET seq = seq + ? WHERE id = 1", changes.size());
        long last = Sql.count(c, "SELECT seq FROM change_counter WHERE id = 1");
        long seq = last - changes.size() + 1;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_log"
                + " (seq, at, kind, bank_id, content_id, signal_type, signal_value) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Change ch : changes) {
                ps.setLong(1, seq++);
                ps.setObject(2, at.atOffset(java.time.ZoneOffset.UTC));
                ps.setString(3, ch.kind().name());
                ps.setLong(4, ch.bankId());
                ps.setLong(5, ch.contentId());
                ps.setString(6, ch.signalType() == null ? null : ch.signalType().name());
                ps.setString(7, ch.signalValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Change signalAdded(long bankId, long contentId, SignalType type, String value) {
        return new Change(0, null, Change.Kind.SIGNAL_ADDED, bankId, contentId, type, value);
    }

    static Change signalRemoved(long bankId, long contentId, SignalType type, String value) {
        return new Change(0, null, Change.Kind.SIGNAL_REMOVED, bankId, contentId, type, value);
    }

    static Change contentChanged(long bankId, long contentId) {
        return new Change(0, null, Change.Kind.CONTENT_CHANGED, bankId, contentId, null, null);
    }

    static Change bankChanged(long bankId) {
        return new Change(0, null, Change.Kind.BANK_CHANGED, bankId, 0, null, null);
    }

    /** The newest sequence number committed. */
    public static long head(Connection c) throws SQLException {
        return Sql.count(c, "SELECT seq FROM change_counter WHERE id = 1");
    }

    /** Up to {@code limit} changes after {@code afterSeq}, oldest first. */
    public static List<Change> since(Connection c, long afterSeq, int limit) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM change_log WHERE seq > ? ORDER BY seq LIMIT " + Math.max(1, limit))) {
            ps.setLong(1, afterSeq);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString("signal_type");
                    out.add(new Change(rs.getLong("seq"), Sql.instant(rs, "at"),
                            Change.Kind.valueOf(rs.getString("kind")), rs.getLong("bank_id"),
                            rs.getLong("content_id"), type == null ? null : SignalType.valueOf(type),
                            rs.getString("signal_value")));
                }
            }
        }
        return out;
    }
}
