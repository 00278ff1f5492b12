package org.tideline.server.hotline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.tideline.server.hotline.triage.KnownUrl;
import org.tideline.server.hotline.triage.NormalisedUrl;
import org.tideline.server.store.Sql;

/**
 * The hotline's known-URL list, in the database so every server process sees one list: exact URLs (by key) and
 * whole hosts, each marked as a known abuse location or a known-benign one.
 */
public final class KnownList {

    private KnownList() {}

    /** One entry of an organisation's list. */
    public record Entry(long id, KnownUrl.Scope scope, String value, KnownUrl.Kind kind, Optional<String> note,
            String addedBy, java.time.Instant addedAt) {}

    /**
     * Lists {@code url} (any form a reporter might use; stored canonical) or a whole {@code host} as {@code kind};
     * an empty kind takes it off the list. Returns the entry, if one remains.
     */
    static Optional<Entry> put(Connection c, long orgId, KnownUrl.Scope scope, String value,
            Optional<KnownUrl.Kind> kind, Optional<String> note, String by, java.time.Instant now)
            throws SQLException {
        String canonical;
        String key = null;
        if (scope == KnownUrl.Scope.URL) {
            NormalisedUrl url = org.tideline.server.hotline.triage.UrlNormaliser.normalise(value);
            canonical = url.url();
            key = url.key();
        } else {
            canonical = org.tideline.server.hotline.triage.UrlNormaliser.normalise("http://" + value.strip() + "/")
                    .host();
        }
        Sql.update(c, "DELETE FROM hotline_known_url WHERE org_id = ? AND scope = ? AND "
                + (scope == KnownUrl.Scope.URL ? "url_key = ?" : "host = ?"), orgId, scope.name(),
                scope == KnownUrl.Scope.URL ? key : canonical);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        long id = Sql.insert(c, "INSERT INTO hotline_known_url (org_id, scope, url, url_key, host, kind, note,"
                        + " added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", orgId, scope.name(),
                scope == KnownUrl.Scope.URL ? canonical : null, key, scope == KnownUrl.Scope.HOST ? canonical : null,
                kind.get().name(), note.orElse(null), by, now);
        return Optional.of(new Entry(id, scope, canonical, kind.get(), note, by, now));
    }

    static java.util.List<Entry> list(Connection c, long orgId) throws SQLException {
        return Sql.list(c, "SELECT * FROM hotline_known_url WHERE org_id = ? ORDER BY id", rs -> new Entry(
                rs.getLong("id"), KnownUrl.Scope.valueOf(rs.getString("scope")),
                rs.getString("scope").equals("URL") ? rs.getString("url") : rs.getString("host"),
                KnownUrl.Kind.valueOf(rs.getString("kind")), Optional.ofNullable(rs.getString("note")),
                rs.getString("added_by"), Sql.instant(rs, "added_at")), orgId);
    }

    static Optional<KnownUrl> lookup(Connection c, long orgId, NormalisedUrl url) throws SQLException {
        return Sql.one(c, "SELECT scope, kind, note FROM hotline_known_url WHERE org_id = ?"
                        + " AND ((scope = 'URL' AND url_key = ?) OR (scope = 'HOST' AND host = ?))"
                        + " ORDER BY CASE scope WHEN 'URL' THEN 0 ELSE 1 END LIMIT 1",
                rs -> new KnownUrl(KnownUrl.Kind.valueOf(rs.getString(2)), KnownUrl.Scope.valueOf(rs.getString(1))),
                orgId, url.key(), url.host());
    }
}
