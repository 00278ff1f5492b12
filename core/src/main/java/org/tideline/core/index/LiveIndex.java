package org.tideline.core.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link HashIndex}: a snapshot of parts (segments and the recent-additions buffer) behind one volatile
 * reference. Searches read the reference once and never lock; writers serialise on a lock, change the buffer or
 * the liveness flags, and publish. Full buffers become segments, and small segments merge, in {@link Maintenance},
 * off the writers' path; {@link Committer} makes the state durable.
 */
final class LiveIndex<H> implements HashIndex<H> {

    /** Thresholds tried in turn by {@link #nearest}: each search is exact, so the first with k results suffices. */
    private static final int[] NEAREST_STEPS = {0, 4, 8, 16, 24, 31, 40, 48, 64, 96, 128};
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final HashType<H> type;
    private final KeyCodec<H> codec;
    private final Kernels kernels;
    private final int tailCapacity;
    private final IndexDirectory directory;
    private final boolean readOnly;
    private final Comparator<Match<H>> order;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Maintenance maintenance;
    private volatile Snapshot current;
    private volatile boolean closed;
    private long nextSegment;
    private long generation;

    /** Per-thread buffers reused across searches. */
    private static final class Scratch {
        final Probes probes = new Probes();
        final Hits hits = new Hits();
        final long[] words = new long[8];
    }

    /** Where one stored entry is. */
    record Location(Part part, int ordinal) {
    }

    LiveIndex(HashType<H> type, Kernels kernels, int tailCapacity, IndexDirectory directory, boolean readOnly,
              List<SegmentPart> segments, long nextSegment, long generation, boolean background) {
        this.type = type;
        this.codec = KeyCodec.of(type);
        this.kernels = kernels;
        this.tailCapacity = tailCapacity;
        this.directory = directory;
        this.readOnly = readOnly;
        this.nextSegment = nextSegment;
        this.generation = generation;
        this.order = Comparator.<Match<H>>comparingInt(Match::distance).thenComparing(Match::id)
                .thenComparing(m -> type.format(m.hash()));
        Tail tail = new Tail(codec.words(), tailCapacity);
        List<Part> parts = new ArrayList<>(segments);
        parts.add(new TailPart(tail, 0));
        this.current = new Snapshot(parts, tail, 0);
        this.maintenance = new Maintenance(this, background && !readOnly);
        if (!readOnly && segments.size() > 1) {
            maintenance.wake(); // an index opened with many segments (an older merge policy) is compacted now
        }
    }

    @Override
    public HashType<H> type() {
        return type;
    }

    @Override
    public List<Match<H>> search(H query, int maxDistance) {
        checkOpen();
        checkThreshold(maxDistance);
        return searchIn(current, words(query), maxDistance);
    }

    private List<Match<H>> searchIn(Snapshot snapshot, long[] query, int threshold) {
        Scratch scratch = SCRATCH.get();
        List<Match<H>> out = new ArrayList<>();
        for (Part part : snapshot.parts()) {
            scratch.hits.clear();
            part.search(query, threshold, kernels, scratch.probes, scratch.hits);
            collect(part, scratch.hits, out, scratch.words);
        }
        out.sort(order);
        return out;
    }

    private void collect(Part part, Hits hits, List<Match<H>> out, long[] words) {
        LiveBits live = part.live();
        for (int k = 0; k < hits.size(); k++) {
            int o = hits.ordinal(k);
            if (!live.matches(o)) continue;
            part.words(o, words, 0);
            out.add(new Match<>(codec.fromWords(words, 0), part.id(o), hits.distance(k)));
        }
    }

    @Override
    public List<List<Match<H>>> searchAll(List<H> queries, int maxDistance) {
        checkOpen();
        checkThreshold(maxDistance);
        Snapshot snapshot = current;
        long[][] q = new long[queries.size()][];
        Hits[] hits = new Hits[q.length];
        List<List<Match<H>>> out = new ArrayList<>(q.length);
        for (int i = 0; i < q.length; i++) {
            q[i] = words(queries.get(i));
            hits[i] = new Hits();
            out.add(new ArrayList<>());
        }
        Scratch scratch = SCRATCH.get();
        for (Part part : snapshot.parts()) {
            for (Hits h : hits) h.clear();
            part.searchMany(q, maxDistance, kernels, scratch.probes, hits);
            for (int i = 0; i < q.length; i++) collect(part, hits[i], out.get(i), scratch.words);
        }
        for (List<Match<H>> list : out) list.sort(order);
        return out;
    }

    @Override
    public List<Match<H>> nearest(H query, int k) {
        checkOpen();
        if (k < 0) throw new IllegalArgumentException("k must not be negative: " + k);
        if (k == 0) return List.of();
        Snapshot snapshot = current;
        long[] q = words(query);
        for (int step : NEAREST_STEPS) {
            if (step >= type.bits()) break;
            List<Match<H>> found = searchIn(snapshot, q, step);
            if (found.size() >= k) return List.copyOf(found.subList(0, k));
        }
        List<Match<H>> all = searchIn(snapshot, q, type.bits());
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    @Override
    public boolean add(H hash, String id) {
        checkWritable();
        long[] q = words(hash);
        Objects.requireNonNull(id, "id");
        boolean rotated = false;
        writeLock.lock();
        try {
            Snapshot s = current;
            if (locate(s, q, id) != null) return false;
            if (s.tail().isFull()) {
                s = rotate(s);
                rotated = true;
            }
            s.tail().append(q, id);
            current = s.withTailCount();
            return true;
        } finally {
            writeLock.unlock();
            if (rotated) maintenance.wake();
        }
    }

    /** Freezes the full buffer as a part of its own and starts an empty one. */
    private Snapshot rotate(Snapshot s) {
        Tail fresh = new Tail(codec.words(), tailCapacity);
        List<Part> parts = new ArrayList<>(s.parts());
        parts.add(new TailPart(fresh, 0));
        return new Snapshot(parts, fresh, s.sequence() + 1);
    }

    @Override
    public boolean remove(H hash, String id) {
        return change(hash, id, Change.REMOVE);
    }

    @Override
    public boolean disable(H hash, String id) {
        return change(hash, id, Change.DISABLE);
    }

    @Override
    public boolean enable(H hash, String id) {
        return change(hash, id, Change.ENABLE);
    }

    private enum Change { REMOVE, DISABLE, ENABLE }

    private boolean change(H hash, String id, Change change) {
        checkWritable();
        long[] q = words(hash);
        Objects.requireNonNull(id, "id");
        boolean changed;
        writeLock.lock();
        try {
            Location at = locate(current, q, id);
            if (at == null) return false;
            LiveBits live = at.part().live();
            changed = switch (change) {
                case REMOVE -> live.delete(at.ordinal());
                case DISABLE -> live.setDisabled(at.ordinal(), true);
                case ENABLE -> live.setDisabled(at.ordinal(), false);
            };
            if (changed) current = current.bumped();
        } finally {
            writeLock.unlock();
        }
        if (changed && change == Change.REMOVE) maintenance.wake();
        return changed;
    }

    /** The entry (hash, id) if stored and not deleted: an exact search (one probe per segment). */
    Location locate(Snapshot snapshot, long[] query, String id) {
        Scratch scratch = SCRATCH.get();
        for (Part part : snapshot.parts()) {
            scratch.hits.clear();
            part.search(query, 0, kernels, scratch.probes, scratch.hits);
            for (int k = 0; k < scratch.hits.size(); k++) {
                int o = scratch.hits.ordinal(k);
                if (!part.live().isDeleted(o) && part.idEquals(o, id)) return new Location(part, o);
            }
        }
        return null;
    }

    @Override
    public long size() {
        long n = 0;
        for (Part part : current.parts()) n += part.count() - part.live().deletedCount();
        return n;
    }

    @Override
    public IndexStats stats() {
        Snapshot s = current;
        long entries = 0;
        long disabled = 0;
        long searchBytes = 0;
        long idBytes = 0;
        long mappedBytes = 0;
        int segments = 0;
        for (Part part : s.parts()) {
            if (part instanceof SegmentPart sp && sp.segment().mapped()) mappedBytes += sp.segment().searchBytes();
            entries += part.count() - part.live().deletedCount();
            disabled += part.live().disabledCount();
            searchBytes += part.searchBytes();
            idBytes += part.idBytes();
            if (part instanceof SegmentPart || part.count() > 0) segments++;
        }
        return new IndexStats(entries, disabled, segments, searchBytes, idBytes, mappedBytes, kernels.describe());
    }

    @Override
    public void commit() throws IOException {
        checkWritable();
        if (directory == null) throw new IllegalStateException("an in-memory index has nothing to commit to");
        Committer.commit(this);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        maintenance.shutdown();
        if (directory != null) directory.close();
    }

    /**
     * Copies every memory-mapped segment into memory of its own (huge pages where available), one at a time on a
     * daemon thread, swapping each in with a new snapshot: opening stays as fast as mapping, and searches get
     * faster as segments arrive. A segment merged or committed away meanwhile is simply skipped.
     */
    void loadInBackground() {
        Thread loader = new Thread(() -> {
            while (!closed) {
                SegmentPart next = null;
                for (Part p : current.parts()) {
                    if (p instanceof SegmentPart s && s.segment().mapped()) {
                        next = s;
                        break;
                    }
                }
                if (next == null) return;
                Segment loaded = next.segment().loaded();
                writeLock.lock();
                try {
                    Snapshot s = current;
                    List<Part> parts = new ArrayList<>(s.parts());
                    int at = Maintenance.indexOfIdentity(parts, next);
                    if (at < 0) continue;
                    parts.set(at, new SegmentPart(loaded, next.live(), next.number(), next.persisted(),
                            next.livenessFile()));
                    current = new Snapshot(parts, s.tail(), s.sequence() + 1);
                } finally {
                    writeLock.unlock();
                }
            }
        }, "tideline-index-load");
        loader.setDaemon(true);
        loader.start();
    }

    // --- for Maintenance and Committer, which work under writeLock ---

    Snapshot current() {
        return current;
    }

    void publish(Snapshot snapshot) {
        current = snapshot;
    }

    ReentrantLock writeLock() {
        return writeLock;
    }

    long takeSegmentNumber() {
        return nextSegment++;
    }

    long nextSegment() {
        return nextSegment;
    }

    long generation() {
        return generation;
    }

    void committed(long generation) {
        this.generation = generation;
    }

    IndexDirectory directory() {
        return directory;
    }

    int tailCapacity() {
        return tailCapacity;
    }

    Maintenance maintenance() {
        return maintenance;
    }

    boolean isClosed() {
        return closed;
    }

    private long[] words(H hash) {
        Objects.requireNonNull(hash, "hash");
        long[] w = new long[codec.words()];
        codec.toWords(hash, w, 0);
        return w;
    }

    private void checkThreshold(int t) {
        if (t < 0 || t > type.bits()) {
            throw new IllegalArgumentException("threshold " + t + " outside 0.." + type.bits());
        }
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("index is closed");
    }

    private void checkWritable() {
        checkOpen();
        if (readOnly) throw new IllegalStateException("index was opened read-only");
    }
}
