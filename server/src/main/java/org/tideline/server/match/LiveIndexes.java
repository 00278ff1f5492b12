package org.tideline.server.match;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tideline.core.index.HashType;
import org.tideline.server.bank.Bank;
import org.tideline.server.bank.Banks;
import org.tideline.server.bank.Change;
import org.tideline.server.bank.ChangeLog;
import org.tideline.server.bank.SignalType;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * The in-memory view the matcher searches: one live index per signal type, plus the bank settings and entry
 * switches that filter hits. A single follower thread keeps it in step with the database by reading the
 * {@link ChangeLog} every poll interval, so a write is matchable within one interval (in this process and in any
 * other server on the same database) without any rebuild.
 *
 * <p>Restart: the indexes are snapshotted to {@code directory} from time to time together with the sequence number
 * they hold; opening reads the snapshot and replays the log after it. Replay is safe to repeat because every change
 * carries its signal: adding what is there or removing what is not changes nothing. Bank settings and entry
 * switches are small and read afresh from the database at start.
 *
 * <p>Only one process snapshots a directory (a file lock decides); another process on the same data directory
 * builds its indexes in memory from the database.
 */
final class LiveIndexes implements AutoCloseable {

    /** An entry's switches, as the filter needs them. */
    record ContentState(long bankId, boolean enabled, Instant disabledUntil, boolean quarantined) {
        boolean matchesAt(Instant now) {
            return enabled && !quarantined && (disabledUntil == null || !now.isBefore(disabledUntil));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LiveIndexes.class);
    private static final String SEQ_FILE = "snapshot.seq";
    private static final int BATCH = 20_000;

    private final Database db;
    private final Path directory;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration snapshotInterval;
    private final Map<SignalType, TypedIndex<?>> indexes = new EnumMap<>(SignalType.class);
    private final ConcurrentHashMap<Long, ContentState> contents = new ConcurrentHashMap<>();
    private final Thread follower;
    private final Object progress = new Object();

    private FileChannel lockChannel;
    private FileLock snapshotLock;
    private volatile Map<Long, Bank> banks = Map.of();
    private volatile Set<SignalType> enabledTypes = Set.of();
    private volatile boolean loaded;
    private volatile boolean closed;
    private volatile long appliedSeq;
    private volatile long headSeq;
    private volatile Instant lastChangeAt;
    private volatile Instant polledAt = Instant.EPOCH;
    private volatile Throwable failure;
    private long snapshotSeq;
    private long lastSnapshotNanos = System.nanoTime();

    LiveIndexes(Database db, Path directory, Clock clock, Duration pollInterval, Duration snapshotInterval) {
        this.db = db;
        this.directory = directory;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.snapshotInterval = snapshotInterval;
        this.follower = Thread.ofPlatform().daemon().name("tideline-index-follower").unstarted(this::follow);
    }

    /** Starts loading and following in the background; {@link #status()} says when it is ready. */
    void start() {
        follower.start();
    }

    boolean loaded() {
        return loaded;
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    Map<Long, Bank> banks() {
        return banks;
    }

    Set<SignalType> enabledTypes() {
        return enabledTypes;
    }

    ContentState content(long id) {
        return contents.get(id);
    }

    TypedIndex<?> index(SignalType type) {
        return indexes.get(type);
    }

    IndexStatus status() {
        Map<SignalType, Long> sizes = new EnumMap<>(SignalType.class);
        if (loaded) {
            indexes.forEach((t, i) -> sizes.put(t, i.size()));
        }
        return new IndexStatus(loaded, appliedSeq, headSeq, Optional.ofNullable(lastChangeAt), polledAt, sizes);
    }

    /** The newest change in the database now. */
    long databaseHead() {
        return db.transaction(ChangeLog::head);
    }

    /** Waits until change {@code seq} is applied; false on timeout. */
    boolean awaitApplied(long seq, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (appliedSeq < seq || !loaded) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private void follow() {
        try {
            load();
        } catch (Throwable e) {
            failure = e;
            LOG.error("index load failed: {}", e.toString());
            return;
        }
        while (!closed) {
            try {
                int applied = pollOnce();
                if (applied == 0) {
                    maybeSnapshot(false);
                    Thread.sleep(pollInterval);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                if (closed) {
                    return;
                }
                LOG.warn("index follower: {}; retrying", e.toString());
                sleepQuietly(pollInterval.multipliedBy(5));
            }
        }
    }

    private void load() throws IOException {
        long started = System.nanoTime();
        boolean snapshotting = directory != null && lockSnapshots();
        long seq = snapshotting ? readSnapshotSeq() : -1;
        if (seq >= 0 && !openSnapshots()) {
            seq = -1;
        }
        if (seq < 0) {
            seq = buildFromDatabase(snapshotting);
            if (snapshotting) {
                writeSnapshotSeq(seq);
            }
        }
        appliedSeq = seq;
        snapshotSeq = seq;
        reloadBanksAndSettings();
        loadContents();
        while (pollOnce() > 0) {
            // replay everything after the snapshot before calling the index loaded
        }
        loaded = true;
        signalProgress();
        LOG.info("indexes loaded in {} ms at change {}: {}", (System.nanoTime() - started) / 1_000_000, appliedSeq,
                status().sizes());
    }

    /** Applies the next batch of changes; returns how many. */
    private int pollOnce() {
        List<Change> changes = db.transaction(c -> {
            headSeq = ChangeLog.head(c);
            return ChangeLog.since(c, appliedSeq, BATCH);
        });
        polledAt = clock.instant();
        if (changes.isEmpty()) {
            return 0;
        }
        boolean reloadBanks = false;
        List<Long> touched = new ArrayList<>();
        for (Change ch : changes) {
            switch (ch.kind()) {
                case SIGNAL_ADDED -> indexes.get(ch.signalType()).add(ch.signalValue(), ch.contentId());
                case SIGNAL_REMOVED -> indexes.get(ch.signalType()).remove(ch.signalValue(), ch.contentId());
                case CONTENT_CHANGED -> touched.add(ch.contentId());
                case BANK_CHANGED, SETTINGS_CHANGED -> reloadBanks = true;
            }
        }
        if (reloadBanks) {
            reloadBanksAndSettings();
        }
        refreshContents(touched);
        Change last = changes.getLast();
        lastChangeAt = last.at();
        synchronized (progress) {
            appliedSeq = last.seq();
            progress.notifyAll();
        }
        return changes.size();
    }

    private void reloadBanksAndSettings() {
        db.transaction(c -> {
            Map<Long, Bank> fresh = new HashMap<>();
            for (Bank b : Banks.all(c)) {
                fresh.put(b.id(), b);
            }
            banks = Map.copyOf(fresh);
            enabledTypes = Set.copyOf(Banks.enabledSignalTypes(c));
            return null;
        });
    }

    private void loadContents() {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, bank_id, enabled, disabled_until, quarantined FROM bank_content")) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        contents.put(rs.getLong(1), state(rs));
                    }
                }
            }
            return null;
        });
    }

    private void refreshContents(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String in = chunk.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
                Map<Long, ContentState> found = new HashMap<>();
                for (var row : Sql.list(c, "SELECT id, bank_id, enabled, disabled_until, quarantined FROM bank_content"
                        + " WHERE id IN (" + in + ")", rs -> Map.entry(rs.getLong(1), state(rs)))) {
                    found.put(row.getKey(), row.getValue());
                }
                for (long id : chunk) {
                    ContentState s = found.get(id);
                    if (s == null) {
                        contents.remove(id);
                    } else {
                        contents.put(id, s);
                    }
                }
            }
            return null;
        });
    }

    private static ContentState state(ResultSet rs) throws SQLException {
        return new ContentState(rs.getLong(2), rs.getBoolean(3), Sql.instant(rs, "disabled_until"), rs.getBoolean(5));
    }

    /** Builds every index from the signal table; returns the change number the build reflects. */
    private long buildFromDatabase(boolean snapshotting) throws IOException {
        if (snapshotting) {
            deleteSnapshots();
        }
        // The head is read before the scan: changes committed during the scan are replayed afterwards, and
        // replaying a change already seen by the scan is harmless.
        long head = db.transaction(ChangeLog::head);
        for (SignalType type : SignalType.values()) {
            Path dir = snapshotting ? directory.resolve(type.label()) : null;
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT content_id, signal_value FROM bank_signal WHERE signal_type = ?")) {
                ps.setString(1, type.name());
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    indexes.put(type, TypedIndex.build(hashType(type), dir, rows(rs)));
                }
                c.commit();
            } catch (SQLException e) {
                throw new IOException("cannot read signals: " + e.getMessage(), e);
            }
        }
        return head;
    }

    private static Iterator<TypedIndex.Stored> rows(ResultSet rs) {
        return new Iterator<>() {
            private Boolean ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = rs.next();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return ahead;
            }

            @Override
            public TypedIndex.Stored next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ahead = null;
                try {
                    return new TypedIndex.Stored(rs.getLong(1), rs.getString(2));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private boolean openSnapshots() {
        try {
            for (SignalType type : SignalType.values()) {
                indexes.put(type, TypedIndex.open(hashType(type), directory.resolve(type.label())));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("index snapshot unusable ({}); rebuilding from the database", e.toString());
            indexes.values().forEach(TypedIndex::close);
            indexes.clear();
            return false;
        }
    }

    private void maybeSnapshot(boolean force) {
        if (directory == null || snapshotLock == null || appliedSeq == snapshotSeq) {
            return;
        }
        if (!force && System.nanoTime() - lastSnapshotNanos < snapshotInterval.toNanos()) {
            return;
        }
        try {
            for (TypedIndex<?> index : indexes.values()) {
                index.commit();
            }
            writeSnapshotSeq(appliedSeq);
            snapshotSeq = appliedSeq;
            lastSnapshotNanos = System.nanoTime();
        } catch (IOException e) {
            LOG.warn("index snapshot failed: {}", e.toString());
        }
    }

    private boolean lockSnapshots() throws IOException {
        Files.createDirectories(directory);
        lockChannel = FileChannel.open(directory.resolve("snapshot.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            snapshotLock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            snapshotLock = null;
        }
        if (snapshotLock == null) {
            LOG.info("another process keeps the index snapshots in {}; this one builds its indexes in memory",
                    directory);
            lockChannel.close();
            lockChannel = null;
            return false;
        }
        return true;
    }

    private long readSnapshotSeq() {
        try {
            return Long.parseLong(Files.readString(directory.resolve(SEQ_FILE)).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private void writeSnapshotSeq(long seq) throws IOException {
        Path tmp = directory.resolve(SEQ_FILE + ".tmp");
        Files.writeString(tmp, Long.toString(seq), StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, directory.resolve(SEQ_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void deleteSnapshots() throws IOException {
        Files.deleteIfExists(directory.resolve(SEQ_FILE));
        for (SignalType type : SignalType.values()) {
            Path dir = directory.resolve(type.label());
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    static HashType<?> hashType(SignalType type) {
        return switch (type) {
            case PDQ -> HashType.PDQ;
            case MD5 -> HashType.MD5;
            case SHA1 -> HashType.SHA1;
            case SHA256 -> HashType.SHA256;
        };
    }

    private void signalProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        follower.interrupt();
        try {
            follower.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loaded) {
            maybeSnapshot(true);
        }
        indexes.values().forEach(TypedIndex::close);
        try {
            if (snapshotLock != null) {
                snapshotLock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.debug("releasing the snapshot lock: {}", e.toString());
        }
    }
}
