package org.tideline.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tideline.server.access.Caller;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * The append-only, hash-chained audit log.
 *
 * <p>Writes are audited inside their own transaction ({@link #append(Connection, AuditEvent)}), so a write and its
 * record commit or fail together. Reads that must be audited but must stay fast (match queries, logins) go through
 * {@link #appendLater}: a background writer commits them in batches every {@link #FLUSH_MILLIS} ms, so a crash can
 * lose at most that last fraction of a second of query records, never a write's. Within a batch, consecutive
 * events of one caller, action and target share one record (up to {@link #GROUP} of them): its detail lists each
 * event on its own line with its own time, so every query is still recorded, at a platform's query rate, without a
 * row (and a chain link) each.
 *
 * <p>Chaining: each record's hash covers the previous record's hash and all its fields ({@link ChainHash}); the
 * head row, locked for the length of each appending transaction, keeps records in one order without gaps.
 * {@link #verify} walks the chain and finds any record edited, deleted, inserted or re-ordered. Someone able to
 * rewrite the whole table and recompute every hash is caught only by comparing the head hash with a copy kept
 * elsewhere ({@code tideline audit verify --expect-head}).
 */
public final class AuditLog implements AutoCloseable {

    static final int FLUSH_MILLIS = 200;
    static final int GROUP = 100;
    private static final int QUEUE = 100_000;
    private static final int BATCH = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Database db;
    private final Clock clock;
    private final BlockingQueue<AuditEvent> pending = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    /** Held while a batch is being committed, so {@link #flush} returns only after everything queued is in. */
    private final java.util.concurrent.locks.ReentrantLock writing = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean closed;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.writer = Thread.ofPlatform().daemon().name("tideline-audit-writer").start(this::drainLoop);
    }

    /** An event by {@code caller} now. */
    public AuditEvent event(Caller caller, String action, String target, String detail) {
        return new AuditEvent(now(), caller.orgId(), caller.principal(), action, target, detail);
    }

    /** An event by the service itself. */
    public AuditEvent systemEvent(long orgId, String action, String target, String detail) {
        return new AuditEvent(now(), orgId, "system", action, target, detail);
    }

    /** Appends inside the caller's transaction. */
    public void append(Connection c, AuditEvent event) throws SQLException {
        appendAll(c, List.of(event));
    }

    /** Appends several events, in order, inside the caller's transaction (one head update for all of them). */
    public void append(Connection c, List<AuditEvent> events) throws SQLException {
        if (!events.isEmpty()) {
            appendAll(c, events);
        }
    }

    /** Appends in its own transaction, now. */
    public void append(AuditEvent event) {
        db.transaction(c -> {
            appendAll(c, List.of(event));
            return null;
        });
    }

    /** Queues an event for the background writer; blocks only if the writer is far behind. */
    public void appendLater(AuditEvent event) {
        try {
            if (!pending.offer(event, 10, TimeUnit.SECONDS)) {
                append(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            append(event);
        }
    }

    /** Commits every queued event (and waits for the batch the background writer is committing) before returning. */
    public void flush() {
        writing.lock();
        try {
            List<AuditEvent> batch = new ArrayList<>();
            while (pending.drainTo(batch, BATCH) > 0) {
                write(batch);
                batch.clear();
            }
        } finally {
            writing.unlock();
        }
    }

    /** Records after {@code afterSeq}, oldest first. */
    public List<AuditRecord> records(long afterSeq, int limit) {
        return db.transaction(c -> Sql.list(c, "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT "
                + Math.clamp(limit, 1, 10_000), AuditLog::record, afterSeq));
    }

    /** Records of one organisation after {@code afterSeq}, oldest first. */
    public List<AuditRecord> records(long orgId, long afterSeq, int limit) {
        return db.transaction(c -> Sql.list(c, "SELECT * FROM audit_log WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT "
                + Math.clamp(limit, 1, 10_000), AuditLog::record, orgId, afterSeq));
    }

    /** Walks the whole chain. */
    public AuditVerdict verify() {
        flush();
        return db.transaction(AuditLog::verify);
    }

    /** Whether a record with this hash is in the log (for checking a head hash kept elsewhere). */
    public boolean containsHash(String hash) {
        return db.transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM audit_log WHERE hash = ?", hash) > 0);
    }

    static AuditVerdict verify(Connection c) throws SQLException {
        String prev = ChainHash.GENESIS;
        long expected = 1;
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_log ORDER BY seq")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditRecord r = record(rs);
                    if (r.seq() != expected) {
                        return broken(count, prev, "record " + expected + " is missing (next is " + r.seq() + ")");
                    }
                    if (!r.prevHash().equals(prev)) {
                        return broken(count, prev, "record " + r.seq() + " does not follow record " + (r.seq() - 1)
                                + " (records re-ordered, removed or inserted)");
                    }
                    if (!ChainHash.of(prev, r.seq(), r.event()).equals(r.hash())) {
                        return broken(count, prev, "record " + r.seq() + " was edited (its content no longer matches its hash)");
                    }
                    prev = r.hash();
                    expected++;
                    count++;
                }
            }
        }
        var head = Sql.one(c, "SELECT seq, hash FROM audit_head WHERE id = 1",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}).orElseThrow();
        if ((long) head[0] != count || !head[1].equals(prev)) {
            return broken(count, prev, "the log ends at record " + count + " but " + head[0]
                    + " were written (the newest records were removed)");
        }
        return new AuditVerdict(count, prev, Optional.empty());
    }

    private static AuditVerdict broken(long count, String prev, String problem) {
        return new AuditVerdict(count, prev, Optional.of(problem));
    }

    private void appendAll(Connection c, List<AuditEvent> events) throws SQLException {
        var head = Sql.one(c, "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}).orElseThrow();
        long seq = (long) head[0];
        String prev = (String) head[1];
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log"
                + " (seq, at, org_id, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEvent e : events) {
                seq++;
                String hash = ChainHash.of(prev, seq, e);
                ps.setLong(1, seq);
                ps.setObject(2, e.at().atOffset(ZoneOffset.UTC));
                ps.setLong(3, e.orgId());
                ps.setString(4, e.actor());
                ps.setString(5, e.action());
                ps.setString(6, e.target());
                ps.setString(7, e.detail());
                ps.setString(8, prev);
                ps.setString(9, hash);
                ps.addBatch();
                prev = hash;
            }
            ps.executeBatch();
        }
        Sql.update(c, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, prev);
    }

    private void drainLoop() {
        List<AuditEvent> batch = new ArrayList<>();
        while (!closed) {
            try {
                AuditEvent first = pending.poll(FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                writing.lock();
                try {
                    batch.add(first);
                    pending.drainTo(batch, BATCH - 1);
                    write(batch);
                } finally {
                    writing.unlock();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("audit writer: {}; {} records retried", e.toString(), batch.size());
                pending.addAll(batch.subList(0, Math.min(batch.size(), pending.remainingCapacity())));
                sleep();
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<AuditEvent> batch) {
        List<AuditEvent> grouped = group(batch);
        db.transaction(c -> {
            appendAll(c, grouped);
            return null;
        });
    }

    /** Folds runs of events with the same caller, action and target into one record each (at most GROUP events). */
    static List<AuditEvent> group(List<AuditEvent> batch) {
        record Key(long orgId, String actor, String action, String target) {}
        java.util.Map<Key, List<AuditEvent>> runs = new java.util.LinkedHashMap<>();
        for (AuditEvent e : batch) {
            runs.computeIfAbsent(new Key(e.orgId(), e.actor(), e.action(), e.target()), k -> new ArrayList<>()).add(e);
        }
        List<AuditEvent> out = new ArrayList<>();
        for (List<AuditEvent> run : runs.values()) {
            for (int from = 0; from < run.size(); from += GROUP) {
                List<AuditEvent> part = run.subList(from, Math.min(run.size(), from + GROUP));
                if (part.size() == 1) {
                    out.add(part.getFirst());
                    continue;
                }
                StringBuilder detail = new StringBuilder().append(part.size()).append(" events:");
                for (AuditEvent e : part) {
                    detail.append('\n').append(e.at()).append(' ').append(e.detail());
                }
                AuditEvent first = part.getFirst();
                out.add(new AuditEvent(first.at(), first.orgId(), first.actor(), first.action(), first.target(),
                        detail.toString()));
            }
        }
        return out;
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong("seq"), new AuditEvent(Sql.instant(rs, "at"), rs.getLong("org_id"),
                rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("detail")),
                rs.getString("prev_hash"), rs.getString("hash"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void sleep() {
        try {
            Thread.sleep(FLUSH_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
