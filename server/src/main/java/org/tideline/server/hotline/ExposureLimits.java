package org.tideline.server.hotline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.tideline.server.ApiException;
import org.tideline.server.access.Caller;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * Counts what each analyst reveals and enforces the session limit: after the configured number of reveals the
 * analyst is asked to take a break, and cannot reveal more until the break has lasted its configured length. The
 * counters live in the database, so a restart or a second browser does not reset them.
 */
final class ExposureLimits {

    private final Database db;
    private final Clock clock;
    private final HotlineSettings settings;

    ExposureLimits(Database db, Clock clock, HotlineSettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    Exposure of(Caller analyst) {
        return db.transaction(c -> read(c, analyst));
    }

    /** Counts one reveal, or refuses it (409) when the session limit is reached. */
    void countReveal(Connection c, Caller analyst) throws SQLException {
        Exposure now = read(c, analyst);
        if (now.limitReached()) {
            throw ApiException.conflict("you have revealed " + now.sessionReveals() + " items since your last break:"
                    + " take a break before revealing more");
        }
        ensureRow(c, analyst);
        Sql.update(c, "UPDATE hotline_exposure SET reveals = reveals + 1, session_reveals = session_reveals + 1,"
                        + " limit_reached_at = CASE WHEN session_reveals + 1 >= ? THEN ? ELSE limit_reached_at END"
                        + " WHERE org_id = ? AND principal = ? AND exposure_day = ?", settings.sessionRevealLimit(),
                clock.instant(), analyst.orgId(), analyst.principal(), today());
    }

    /** Ends a break: allowed once it has lasted long enough; starts a new session count. */
    Exposure endBreak(Caller analyst) {
        return db.transaction(c -> {
            Exposure now = read(c, analyst);
            if (now.breakUntil().isPresent() && clock.instant().isBefore(now.breakUntil().get())) {
                throw ApiException.conflict("the break is not over yet");
            }
            Sql.update(c, "UPDATE hotline_exposure SET session_reveals = 0, limit_reached_at = NULL"
                    + " WHERE org_id = ? AND principal = ? AND exposure_day = ?", analyst.orgId(), analyst.principal(), today());
            return read(c, analyst);
        });
    }

    private Exposure read(Connection c, Caller analyst) throws SQLException {
        return Sql.one(c, "SELECT reveals, session_reveals, limit_reached_at FROM hotline_exposure"
                        + " WHERE org_id = ? AND principal = ? AND exposure_day = ?",
                rs -> new Exposure(rs.getInt(1), rs.getInt(2), settings.sessionRevealLimit(),
                        Sql.optionalInstant(rs, "limit_reached_at").map(t -> t.plus(settings.breakLength()))),
                analyst.orgId(), analyst.principal(), today())
                .orElse(new Exposure(0, 0, settings.sessionRevealLimit(), Optional.<Instant>empty()));
    }

    private void ensureRow(Connection c, Caller analyst) throws SQLException {
        if (Sql.count(c, "SELECT COUNT(*) FROM hotline_exposure WHERE org_id = ? AND principal = ? AND exposure_day = ?",
                analyst.orgId(), analyst.principal(), today()) == 0) {
            Sql.update(c, "INSERT INTO hotline_exposure (org_id, principal, exposure_day) VALUES (?, ?, ?)", analyst.orgId(),
                    analyst.principal(), today());
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
