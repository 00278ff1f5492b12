package org.tideline.server.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.tideline.server.store.Sql;

/**
 * The SQL of table {@code job}. Every change of a claimed job is conditional on the claim it observed (state,
 * lease owner and attempt number), so a runner that lost its lease can never overwrite what another runner did.
 */
final class JobStore {

    private static final int MAX_ERROR = 500;
    private static final String COLUMNS = "id, kind, subject, payload, run_at, state, side_effects, attempts,"
            + " max_attempts, last_error, dedup_key";

    private JobStore() {}

    /** Inserts unless the dedup key exists already (ON CONFLICT: a failed INSERT would abort a PostgreSQL transaction). */
    static Optional<Long> insert(Connection c, NewJob job, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job (kind, subject, payload, run_at, state,"
                + " side_effects, attempts, max_attempts, created_at, updated_at, dedup_key)"
                + " VALUES (?, ?, ?, ?, 'SCHEDULED', ?, 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING", new String[] {"id"})) {
            bind(ps, job.kind(), job.subject(), job.payload(), job.runAt(), job.sideEffects(), job.maxAttempts(),
                    now, now, job.dedupKey());
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id for a new job");
                }
                return Optional.of(keys.getLong(1));
            }
        }
    }

    static int cancel(Connection c, String subject, String kind, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE job SET state = 'CANCELLED', updated_at = ?, finished_at = ?"
                + " WHERE subject = ? AND kind = ? AND state = 'SCHEDULED'", now, now, subject, kind);
    }

    static Optional<Job> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM job WHERE id = ?", JobStore::job, id);
    }

    static List<Job> bySubject(Connection c, String subject) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM job WHERE subject = ? ORDER BY id", JobStore::job, subject);
    }

    /** Ids of jobs of these kinds due at {@code now}, oldest first. */
    static List<Long> due(Connection c, Collection<String> kinds, Instant now, int limit) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(now));
        args.addAll(kinds);
        return Sql.list(c, "SELECT id FROM job WHERE state = 'SCHEDULED' AND run_at <= ? AND kind IN ("
                + placeholders(kinds.size()) + ") ORDER BY run_at, id LIMIT " + limit, rs -> rs.getLong(1),
                args.toArray());
    }

    /** A running job whose lease ran out, and the runner that held it. */
    record Expired(Job job, String owner) {}

    /** Running jobs of these kinds whose lease ran out before {@code now}: their runner died or stalled. */
    static List<Expired> expired(Connection c, Collection<String> kinds, Instant now) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(now));
        args.addAll(kinds);
        return Sql.list(c, "SELECT " + COLUMNS + ", lease_owner FROM job WHERE state = 'RUNNING' AND lease_until < ?"
                + " AND kind IN (" + placeholders(kinds.size()) + ") ORDER BY id",
                rs -> new Expired(job(rs), rs.getString("lease_owner")), args.toArray());
    }

    /** The optimistic claim: only one of several runners racing for a job changes its row. */
    static boolean claim(Connection c, long id, String owner, Instant leaseUntil, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE job SET state = 'RUNNING', lease_owner = ?, lease_until = ?,"
                + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'SCHEDULED' AND run_at <= ?",
                owner, leaseUntil, now, id, now) == 1;
    }

    static int renew(Connection c, String owner, Collection<Long> ids, Instant leaseUntil) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(leaseUntil, owner));
        args.addAll(ids);
        return Sql.update(c, "UPDATE job SET lease_until = ? WHERE lease_owner = ? AND state = 'RUNNING' AND id IN ("
                + placeholders(ids.size()) + ")", args.toArray());
    }

    /** Ends or re-arms the run {@code attempt} of job {@code id} held by {@code owner}; false if the claim was lost. */
    static boolean settle(Connection c, long id, String owner, int attempt, JobState state, Instant runAt,
            boolean resetAttempts, String error, Instant now) throws SQLException {
        boolean finished = state != JobState.SCHEDULED;
        return Sql.update(c, "UPDATE job SET state = ?, run_at = ?, attempts = "
                + (resetAttempts ? "0" : "attempts") + ", lease_owner = NULL, lease_until = NULL, last_error = ?,"
                + " updated_at = ?, finished_at = ? WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?"
                + " AND attempts = ?", state, runAt, truncate(error), now, finished ? now : null, id, owner, attempt) == 1;
    }

    /** Like {@link #settle} for a run whose lease expired: conditional on the expired claim as it was read. */
    static boolean settleExpired(Connection c, Expired expired, JobState state, String error, Instant now)
            throws SQLException {
        boolean finished = state != JobState.SCHEDULED;
        return Sql.update(c, "UPDATE job SET state = ?, lease_owner = NULL, lease_until = NULL, last_error = ?,"
                + " updated_at = ?, finished_at = ? WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?"
                + " AND attempts = ? AND lease_until < ?", state, truncate(error), now, finished ? now : null,
                expired.job().id(), expired.owner(), expired.job().attempts(), now) == 1;
    }

    static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getLong("id"), rs.getString("kind"), rs.getString("subject"), rs.getString("payload"),
                Sql.instant(rs, "run_at"), JobState.valueOf(rs.getString("state")), rs.getBoolean("side_effects"),
                rs.getInt("attempts"), rs.getInt("max_attempts"), Optional.ofNullable(rs.getString("last_error")),
                Optional.ofNullable(rs.getString("dedup_key")));
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            switch (a) {
                case Instant t -> ps.setObject(i + 1, t.atOffset(java.time.ZoneOffset.UTC));
                case Optional<?> o when o.isEmpty() -> ps.setNull(i + 1, java.sql.Types.VARCHAR);
                case Optional<?> o -> ps.setObject(i + 1, o.get());
                default -> ps.setObject(i + 1, a);
            }
        }
    }
}
