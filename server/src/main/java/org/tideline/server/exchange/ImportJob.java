package org.tideline.server.exchange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tideline.server.access.Caller;
import org.tideline.server.bank.Bank;
import org.tideline.server.bank.ChangeLog;
import org.tideline.server.store.Sql;

/**
 * One {@code import_job} row and this process's copy of it: how many records of the file are committed, up to
 * which line, and what they came to.
 *
 * <p>Each commit also records the highest entry id and change-log sequence at that point ({@code content_high},
 * {@code change_high}): the marks above which a resumed run looks for what a dead batch left behind (see
 * {@link org.tideline.server.bank.BankService#removeLeftovers}).
 *
 * <p>Every advance is conditional on the row still saying what this process last wrote ({@code records_done} and
 * {@code RUNNING}); if another import of the same file got there first, the batch's transaction fails with
 * {@link Conflict} and rolls back, so two concurrent runs never both count the same records.
 */
final class ImportJob {

    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    /** Problems kept per kind and job; beyond this they are only counted. */
    static final int KEPT_PROBLEMS = 1_000;

    /** Another run of the same import committed first. */
    static final class Conflict extends RuntimeException {
        Conflict() {
            super("another import of this file into this bank is running, or has finished", null, false, false);
        }
    }

    /** What one commit moves the job forward by. */
    record Advance(long records, long line, long added, long existing, List<RowProblem> bad,
            List<RowProblem> skipped) {}

    final long id;
    final boolean wasDone;
    /** An earlier run of this job stopped without finishing (it may have died mid-batch). */
    final boolean interrupted;
    final long resumedAfterLine;
    long contentHigh;
    long changeHigh;
    long records;
    long line;
    long added;
    long existing;
    long bad;
    long skipped;
    private long keptBad;
    private long keptSkipped;
    private long pendingContentHigh;
    private long pendingChangeHigh;

    private ImportJob(long id, boolean wasDone, boolean interrupted, long records, long line, long added,
            long existing, long bad, long skipped, long contentHigh, long changeHigh) {
        this.id = id;
        this.wasDone = wasDone;
        this.interrupted = interrupted;
        this.contentHigh = contentHigh;
        this.changeHigh = changeHigh;
        this.resumedAfterLine = wasDone ? 0 : line;
        this.records = records;
        this.line = line;
        this.added = added;
        this.existing = existing;
        this.bad = bad;
        this.skipped = skipped;
    }

    /**
     * The job for this file, bank and options: the existing one (reset to the start when {@code restart}), or a
     * new one. A file of unknown size gets a job of its own every time.
     */
    static ImportJob start(Connection c, Caller caller, Bank bank, FileIdentity file, ImportOptions options,
            Instant now) throws SQLException {
        String key = options.jobKey() + (file.resumable() ? "" : "|once=" + UUID.randomUUID());
        Optional<ImportJob> found = Sql.one(c, "SELECT * FROM import_job WHERE bank_id = ? AND file_sha256 = ?"
                        + " AND file_size = ? AND options_key = ?",
                rs -> new ImportJob(rs.getLong("id"), DONE.equals(rs.getString("status")),
                        RUNNING.equals(rs.getString("status")), rs.getLong("records_done"), rs.getLong("last_line"),
                        rs.getLong("added"), rs.getLong("existing"), rs.getLong("bad"), rs.getLong("skipped"),
                        rs.getLong("content_high"), rs.getLong("change_high")),
                bank.id(), file.headSha256(), file.size(), key);
        if (found.isPresent() && !options.restart()) {
            ImportJob job = found.get();
            // Problems a dead batch recorded past the committed line would be reported twice.
            Sql.update(c, "DELETE FROM import_problem WHERE job_id = ? AND line_no > ?", job.id, job.line);
            job.keptBad = Sql.count(c, "SELECT COUNT(*) FROM import_problem WHERE job_id = ? AND kind = 'BAD'", job.id);
            job.keptSkipped = Sql.count(c, "SELECT COUNT(*) FROM import_problem WHERE job_id = ? AND kind = 'SKIPPED'",
                    job.id);
            return job;
        }
        long contentHigh = contentHigh(c);
        long changeHigh = ChangeLog.head(c);
        if (found.isPresent()) {
            ImportJob old = found.get();
            Sql.update(c, "DELETE FROM import_problem WHERE job_id = ?", old.id);
            Sql.update(c, "UPDATE import_job SET status = ?, records_done = 0, last_line = 0, added = 0, existing = 0,"
                    + " bad = 0, skipped = 0, content_high = ?, change_high = ?, started_by = ?, started_at = ?,"
                    + " updated_at = ?, finished_at = NULL WHERE id = ?", RUNNING, old.contentHigh, old.changeHigh,
                    caller.principal(), now, now, old.id);
            return new ImportJob(old.id, false, old.interrupted, 0, 0, 0, 0, 0, 0, old.contentHigh, old.changeHigh);
        }
        long id = Sql.insert(c, "INSERT INTO import_job (bank_id, file_sha256, file_size, options_key, format, status,"
                        + " content_high, change_high, started_by, started_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                bank.id(), file.headSha256(), file.size(), key, options.format().label(), RUNNING, contentHigh,
                changeHigh, caller.principal(), now, now);
        return new ImportJob(id, false, false, 0, 0, 0, 0, 0, 0, contentHigh, changeHigh);
    }

    /** Records progress inside the batch's transaction; throws {@link Conflict} if another run moved first. */
    void advance(Connection c, Advance a, Instant now) throws SQLException {
        pendingContentHigh = contentHigh(c);
        pendingChangeHigh = ChangeLog.head(c);
        int updated = Sql.update(c, "UPDATE import_job SET records_done = ?, last_line = ?, added = added + ?,"
                        + " existing = existing + ?, bad = bad + ?, skipped = skipped + ?, content_high = ?,"
                        + " change_high = ?, updated_at = ? WHERE id = ? AND records_done = ? AND status = ?",
                a.records(), a.line(), a.added(), a.existing(), a.bad().size(), a.skipped().size(),
                pendingContentHigh, pendingChangeHigh, now, id, records, RUNNING);
        if (updated != 1) {
            throw new Conflict();
        }
        keep(c, "BAD", a.bad(), KEPT_PROBLEMS - keptBad);
        keep(c, "SKIPPED", a.skipped(), KEPT_PROBLEMS - keptSkipped);
    }

    /** Once the transaction holding {@link #advance} has committed. */
    void advanced(Advance a) {
        contentHigh = pendingContentHigh;
        changeHigh = pendingChangeHigh;
        records = a.records();
        line = a.line();
        added += a.added();
        existing += a.existing();
        bad += a.bad().size();
        skipped += a.skipped().size();
        keptBad = Math.min(KEPT_PROBLEMS, keptBad + a.bad().size());
        keptSkipped = Math.min(KEPT_PROBLEMS, keptSkipped + a.skipped().size());
    }

    void finish(Connection c, Instant now) throws SQLException {
        if (Sql.update(c, "UPDATE import_job SET status = ?, finished_at = ?, updated_at = ? WHERE id = ?"
                + " AND records_done = ? AND status = ?", DONE, now, now, id, records, RUNNING) != 1) {
            throw new Conflict();
        }
    }

    /** The first {@code limit} kept problems of a kind, by line. */
    static List<RowProblem> problems(Connection c, long jobId, String kind, int limit) throws SQLException {
        return Sql.list(c, "SELECT line_no, reason FROM import_problem WHERE job_id = ? AND kind = ?"
                        + " ORDER BY line_no, id LIMIT " + limit,
                rs -> new RowProblem(rs.getLong(1), rs.getString(2)), jobId, kind);
    }

    /** The highest entry id in any bank: the primary key's last value, read at once. */
    private static long contentHigh(Connection c) throws SQLException {
        return Sql.count(c, "SELECT COALESCE(MAX(id), 0) FROM bank_content");
    }

    private void keep(Connection c, String kind, List<RowProblem> problems, long room) throws SQLException {
        if (problems.isEmpty() || room <= 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO import_problem (job_id, kind, line_no, reason) VALUES (?, ?, ?, ?)")) {
            for (RowProblem p : problems.subList(0, (int) Math.min(room, problems.size()))) {
                ps.setLong(1, id);
                ps.setString(2, kind);
                ps.setLong(3, p.line());
                ps.setString(4, p.reason().length() > 500 ? p.reason().substring(0, 500) : p.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
