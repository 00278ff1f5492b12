package org.tideline.server.bank;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.tideline.server.store.Sql;

/**
 * What a crashed write can leave in a bank, and removing it.
 *
 * <p>After a SIGKILL, embedded H2 (2.5, MVStore) can bring back rows a transaction inserted before it died, without
 * the rest of that transaction: entries without their signals, or without their change-log records, so that no
 * matcher ever learns of them (reproduced by {@code ImportKillTest}; docs/import-export.md). PostgreSQL never does;
 * there this finds nothing.
 *
 * <p>The test for a leftover cannot trust inserted rows, since those are what may have come back. It rests on rows
 * that are only ever updated, which H2 did restore correctly: the change counter, and marks the caller recorded in
 * its own committed transaction (an import job's highest entry id and change sequence at its last batch). Every
 * committed entry has a CONTENT_CHANGED record written in its own transaction, at a sequence no higher than the
 * counter; so an entry above the caller's id mark with no such record above the caller's sequence mark never
 * committed, and a change-log row above the counter never committed either.
 */
final class Leftovers {

    private Leftovers() {}

    /** Removes the leftovers of bank {@code bankId} above the marks; answers how many entries went. */
    static int remove(Connection c, long bankId, long afterContentId, long afterChangeSeq) throws SQLException {
        Sql.update(c, "DELETE FROM change_log WHERE seq > (SELECT seq FROM change_counter WHERE id = 1)");
        List<Long> ids = Sql.list(c, "SELECT bc.id FROM bank_content bc WHERE bc.bank_id = ? AND bc.id > ?"
                + " AND bc.id NOT IN (SELECT l.content_id FROM change_log l WHERE l.seq > ?"
                + " AND l.kind = 'CONTENT_CHANGED' AND l.content_id IS NOT NULL)",
                rs -> rs.getLong(1), bankId, afterContentId, afterChangeSeq);
        for (long id : ids) {
            Sql.update(c, "DELETE FROM bank_content WHERE id = ?", id);
        }
        Sql.update(c, "DELETE FROM bank_signal WHERE bank_id = ? AND content_id > ?"
                + " AND content_id NOT IN (SELECT id FROM bank_content WHERE bank_id = ? AND id > ?)",
                bankId, afterContentId, bankId, afterContentId);
        return ids.size();
    }
}
