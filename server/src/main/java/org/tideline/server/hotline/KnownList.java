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
final class KnownList {

    private KnownList() {}

    static Optional<KnownUrl> lookup(Connection c, long orgId, NormalisedUrl url) throws SQLException {
        return Sql.one(c, "SELECT scope, kind, note FROM hotline_known_url WHERE org_id = ?"
                        + " AND ((scope = 'URL' AND url_key = ?) OR (scope = 'HOST' AND host = ?))"
                        + " ORDER BY CASE scope WHEN 'URL' THEN 0 ELSE 1 END LIMIT 1",
                rs -> new KnownUrl(KnownUrl.Kind.valueOf(rs.getString(2)), KnownUrl.Scope.valueOf(rs.getString(1))),
                orgId, url.key(), url.host());
    }
}
