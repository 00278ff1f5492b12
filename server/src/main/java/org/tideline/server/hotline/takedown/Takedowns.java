package org.tideline.server.hotline.takedown;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.store.Sql;

/**
 * Takedowns: one per confirmed URL, from confirmation until the material is gone. Opening one also answers the
 * re-upload question: when what was captured at the URL matched the hotline's own bank through an item whose
 * takedown already ended in removal, the material has come back, and the new takedown is linked to the old one
 * (and counts against its new host in the statistics).
 */
public final class Takedowns {

    private Takedowns() {}

    /** A takedown as the workflow needs it. */
    public record Takedown(long id, long urlId, long reportId, long orgId, String state, Optional<Long> reuploadOf) {}

    /**
     * Opens a takedown for each captured URL of a report confirmed illegal (URLs that could not be reached, or that
     * were duplicates of URLs already in hand, get none). Idempotent: a URL with a takedown keeps it.
     */
    public static List<Takedown> open(Connection c, AuditLog audit, long reportId, Instant now) throws SQLException {
        record Url(long id, long orgId, String reference, String site) {}
        List<Url> urls = Sql.list(c, "SELECT u.id, r.org_id, r.reference, r.site_type FROM hotline_url u"
                        + " JOIN hotline_report r ON r.id = u.report_id WHERE u.report_id = ? AND u.status = 'CAPTURED'"
                        + " AND NOT EXISTS (SELECT 1 FROM hotline_takedown t WHERE t.url_id = u.id) ORDER BY u.id",
                rs -> new Url(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)), reportId);
        List<Takedown> opened = new ArrayList<>();
        for (Url u : urls) {
            Optional<Long> reuploadOf = Sql.one(c, "SELECT t.id FROM hotline_item i"
                    + " JOIN hotline_item original ON original.bank_entry_id = i.matched_entry"
                    + " JOIN hotline_takedown t ON t.url_id = original.url_id"
                    + " WHERE i.url_id = ? AND i.state = 'KNOWN' AND t.state = 'REMOVED' AND t.url_id <> i.url_id"
                    + " ORDER BY t.id LIMIT 1", rs -> rs.getLong(1), u.id());
            long id = Sql.insert(c, "INSERT INTO hotline_takedown (url_id, report_id, org_id, state, site_type,"
                            + " confirmed_at, reupload_of, created_at, updated_at) VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)",
                    u.id(), reportId, u.orgId(), u.site(), now, reuploadOf.orElse(null), now, now);
            audit.append(c, audit.systemEvent(u.orgId(), "hotline.takedown.open", "report:" + u.reference(),
                    "takedown=" + id + reuploadOf.map(r -> " reupload_of=" + r).orElse("")));
            opened.add(new Takedown(id, u.id(), reportId, u.orgId(), "OPEN", reuploadOf));
        }
        return opened;
    }

    /** Records where the trace put it and the route chosen. */
    public static void traced(Connection c, long takedownId, Optional<String> country, Optional<String> host,
            Route route, Instant now) throws SQLException {
        Sql.update(c, "UPDATE hotline_takedown SET hosting_country = ?, hosting_host = ?, route = ?, updated_at = ?"
                + " WHERE id = ?", country.orElse(null), host.map(h -> h.length() > 200 ? h.substring(0, 200) : h)
                .orElse(null), route.kind().name(), now, takedownId);
    }

    /** Records a hand-off (referral, partner, fallback, notice) and, for a referral or notice, its time. */
    public static long handOff(Connection c, long takedownId, String kind, String recipient, int attempt,
            boolean escalated, String state, String detail, Instant now) throws SQLException {
        long id = Sql.insert(c, "INSERT INTO hotline_handoff (takedown_id, kind, recipient, attempt, escalated, state,"
                        + " detail, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", takedownId, kind,
                recipient, attempt, escalated, state, detail, now, now);
        if (kind.equals("REFERRAL")) {
            Sql.update(c, "UPDATE hotline_takedown SET referred_at = COALESCE(referred_at, ?), updated_at = ?"
                    + " WHERE id = ?", now, now, takedownId);
        } else if (kind.equals("NOTICE") && state.equals("SENT")) {
            Sql.update(c, "UPDATE hotline_takedown SET first_notice_at = COALESCE(first_notice_at, ?),"
                    + " notices_sent = notices_sent + 1, updated_at = ? WHERE id = ?", now, now, takedownId);
        }
        return id;
    }

    /** Records a removal check; a result other than PRESENT or UNREACHABLE ends the takedown as removed. */
    public static boolean checked(Connection c, long takedownId, RemovalCheck.Result result, Instant now)
            throws SQLException {
        Sql.insert(c, "INSERT INTO hotline_removal_check (takedown_id, checked_at, result) VALUES (?, ?, ?)",
                takedownId, now, result.name());
        if (!result.removed()) {
            return false;
        }
        return Sql.update(c, "UPDATE hotline_takedown SET state = 'REMOVED', removed_at = ?, updated_at = ?"
                + " WHERE id = ? AND state = 'OPEN'", now, now, takedownId) == 1;
    }

    public static List<Takedown> forReport(Connection c, long reportId) throws SQLException {
        return Sql.list(c, "SELECT id, url_id, report_id, org_id, state, reupload_of FROM hotline_takedown"
                + " WHERE report_id = ? ORDER BY id", rs -> new Takedown(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getString(5), Optional.ofNullable((Long) rs.getObject(6, Long.class))), reportId);
    }
}
