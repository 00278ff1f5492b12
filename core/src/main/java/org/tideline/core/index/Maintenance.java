package org.tideline.core.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the number of parts small without ever rebuilding the index: full buffers become segments, and a segment
 * more than half deleted is rewritten without its deleted entries (so memory tracks the live entries however many
 * add/remove cycles run).
 *
 * <p>Merging: every search probes every segment, so the segment count multiplies search cost; an index fed one
 * entry at a time (a bank filled through its change log) must not end up as a dozen segments. Up to
 * {@value #MAX_MERGED_ENTRIES} entries the policy keeps one large segment and at most {@value #MAX_SMALL} smaller
 * ones: the small ones merge together when there are more, and everything merges into one when the small ones
 * reach 1/{@value #SMALL_SHARE} of the large one (so the large one grows geometrically, and an entry is rewritten
 * about a dozen times over the index's growth: background work of ~10 us per added entry). Beyond that size,
 * segments of similar size merge {@value #FANOUT} at a time (size-tiered; an entry is rewritten about
 * log4(n / buffer) times).
 *
 * <p>Each step reads its sources without the writer lock, builds the new segment, then takes the lock only to
 * carry over flags changed meanwhile and swap the parts. Runs on one background thread, or in the writer's
 * thread after it releases the lock when background maintenance is off (deterministic, for tests).
 */
final class Maintenance {

    static final int FANOUT = 4;
    static final int MAX_MERGED_ENTRIES = 1 << 22;
    static final int MAX_SMALL = 2;
    static final int SMALL_SHARE = 8;

    private final LiveIndex<?> index;
    private final ExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();

    Maintenance(LiveIndex<?> index, boolean background) {
        this.index = index;
        this.executor = background ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tideline-index-maintenance");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Called after a change that may have created work. */
    void wake() {
        if (executor == null) {
            runUntilIdle();
        } else if (queued.compareAndSet(false, true)) {
            executor.execute(() -> {
                queued.set(false);
                runUntilIdle();
            });
        }
    }

    /** Runs every pending step and returns when none is left (tests and benchmarks call this). */
    void awaitIdle() {
        if (executor == null) {
            runUntilIdle();
            return;
        }
        try {
            Future<?> done = executor.submit(this::runUntilIdle);
            done.get();
        } catch (Exception e) {
            throw new IllegalStateException("index maintenance failed", e);
        }
    }

    private void runUntilIdle() {
        while (!index.isClosed()) {
            List<Part> work = pick();
            if (work.isEmpty()) return;
            PartMerger merged = PartMerger.merge(index.type(), work);
            install(merged);
        }
    }

    private List<Part> pick() {
        index.writeLock().lock();
        try {
            List<Part> parts = index.current().parts();
            for (int i = 0; i < parts.size() - 1; i++) {
                if (parts.get(i) instanceof TailPart frozen) return List.of(frozen);
            }
            for (Part p : parts) {
                if (p instanceof SegmentPart s && s.live().deletedCount() * 2L > s.count()) return List.of(s);
            }
            List<Part> compact = compaction(parts);
            if (!compact.isEmpty()) return compact;
            Map<Integer, List<Part>> tiers = new HashMap<>();
            for (Part p : parts) {
                if (p instanceof SegmentPart s && s.count() <= MAX_MERGED_ENTRIES) {
                    tiers.computeIfAbsent(tier(s.count()), k -> new ArrayList<>()).add(s);
                }
            }
            for (List<Part> tier : tiers.values()) {
                if (tier.size() >= FANOUT) {
                    tier.sort(Comparator.comparingInt(Part::count));
                    return List.copyOf(tier.subList(0, FANOUT));
                }
            }
            return List.of();
        } finally {
            index.writeLock().unlock();
        }
    }

    /** One large segment plus at most MAX_SMALL small ones, while the whole fits in MAX_MERGED_ENTRIES. */
    private static List<Part> compaction(List<Part> parts) {
        List<SegmentPart> segments = new ArrayList<>();
        long total = 0;
        for (Part p : parts) {
            if (p instanceof SegmentPart s) {
                segments.add(s);
                total += s.count();
            }
        }
        if (segments.size() < 2 || total > MAX_MERGED_ENTRIES) return List.of();
        SegmentPart largest = segments.stream().max(Comparator.comparingInt(Part::count)).orElseThrow();
        long small = total - largest.count();
        if (small * SMALL_SHARE >= largest.count()) return List.copyOf(segments);
        if (segments.size() > MAX_SMALL + 1) {
            List<Part> others = new ArrayList<>(segments);
            others.remove(largest);
            return others;
        }
        return List.of();
    }

    private int tier(int count) {
        int tier = 0;
        for (long size = index.tailCapacity(); size * FANOUT <= count; size *= FANOUT) tier++;
        return tier;
    }

    private void install(PartMerger merged) {
        index.writeLock().lock();
        try {
            Snapshot s = index.current();
            List<Part> parts = new ArrayList<>(s.parts());
            int at = -1;
            for (Part source : merged.sources()) {
                int i = indexOfIdentity(parts, source);
                if (i < 0) return; // a commit replaced the sources meanwhile; its result stands
                at = at < 0 ? i : Math.min(at, i);
            }
            for (Part source : merged.sources()) parts.remove(indexOfIdentity(parts, source));
            if (merged.segment() != null) {
                parts.add(at, new SegmentPart(merged.segment(), merged.currentFlags(), index.takeSegmentNumber(),
                        false, ""));
            }
            index.publish(new Snapshot(parts, s.tail(), s.sequence() + 1));
        } finally {
            index.writeLock().unlock();
        }
    }

    static int indexOfIdentity(List<Part> parts, Part part) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) == part) return i;
        }
        return -1;
    }

    void shutdown() {
        if (executor == null) return;
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
