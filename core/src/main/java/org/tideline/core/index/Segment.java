package org.tideline.core.index;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An immutable set of hashes with their ids and multi-index tables: the unit the index is made of, in memory or
 * memory-mapped from a file (the same bytes either way, see {@link SegmentSections}).
 *
 * <p>Hashes are split into HI (words 0-1) and LO (the rest) so that verifying a candidate reads 16 bytes: for a
 * non-match, the distance on the first 128 bits alone nearly always exceeds the threshold (at 31, a random pair
 * is within it with probability about 3e-9), so LO is read only for matches, and the hot verification array is
 * half the size of the hashes (more of it stays in cache).
 */
final class Segment {

    /**
     * Ints after each table's entries, so that a 16-lane vector load at any bucket stays in bounds; each table's
     * entries start on a 64-byte boundary, so that an aligned vector load is exactly one cache line.
     */
    static final int ENTRY_PAD = 16;
    static final int ENTRY_ALIGN = 16;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final HashType<?> type;
    private final int count;
    private final ChunkLayout layout;
    private final MemorySegment hi;
    private final MemorySegment lo;
    private final MemorySegment dir;
    private final MemorySegment ent;
    private final SegmentIds ids;
    private final long[] dirBase;
    private final AtomicReferenceArray<RadiusPlan> plans;
    private final boolean mapped;

    Segment(HashType<?> type, int count, ChunkLayout layout, MemorySegment hi, MemorySegment lo,
            MemorySegment dir, MemorySegment ent, SegmentIds ids) {
        this(type, count, layout, hi, lo, dir, ent, ids, false);
    }

    /** @param mapped whether the search sections are a file mapping (rather than memory of their own) */
    Segment(HashType<?> type, int count, ChunkLayout layout, MemorySegment hi, MemorySegment lo,
            MemorySegment dir, MemorySegment ent, SegmentIds ids, boolean mapped) {
        if ((long) layout.tables() * entStride(count) > Integer.MAX_VALUE) {
            // probe ranges are int indices into the entry tables
            throw new IllegalArgumentException(count + " entries in " + layout.tables()
                    + " tables exceed one segment's entry tables (2^31 ints); split the build");
        }
        this.mapped = mapped;
        this.type = type;
        this.count = count;
        this.layout = layout;
        this.hi = hi;
        this.lo = lo;
        this.dir = dir;
        this.ent = ent;
        this.ids = ids;
        this.dirBase = new long[layout.tables()];
        long at = 0;
        for (int i = 0; i < layout.tables(); i++) {
            dirBase[i] = at;
            at += layout.dirEntries(i);
        }
        this.plans = new AtomicReferenceArray<>(type.bits() + 1);
    }

    /**
     * The same segment with its search sections (hashes, directories, entries) copied into huge-page memory;
     * ids stay where they are (they are read only for matches).
     */
    Segment loaded() {
        return new Segment(type, count, layout, copy(hi), copy(lo), copy(dir), copy(ent), ids, false);
    }

    boolean mapped() {
        return mapped;
    }

    private static MemorySegment copy(MemorySegment from) {
        MemorySegment to = HugePages.allocate(from.byteSize());
        MemorySegment.copy(from, 0, to, 0, from.byteSize());
        return to;
    }

    HashType<?> type() {
        return type;
    }

    int count() {
        return count;
    }

    ChunkLayout layout() {
        return layout;
    }

    MemorySegment hi() {
        return hi;
    }

    MemorySegment lo() {
        return lo;
    }

    MemorySegment dir() {
        return dir;
    }

    MemorySegment ent() {
        return ent;
    }

    SegmentIds ids() {
        return ids;
    }

    /** Index (in ints) of table {@code table}'s first directory offset within {@link #dir()}. */
    long dirBase(int table) {
        return dirBase[table];
    }

    /** Index (in ints) of table {@code table}'s first entry within {@link #ent()}. */
    long entBase(int table) {
        return (long) table * entStride(count);
    }

    /** Ints per table in the entry section: the entries, the padding, rounded up to a cache line. */
    static long entStride(long count) {
        return (count + ENTRY_PAD + ENTRY_ALIGN - 1) & -ENTRY_ALIGN;
    }

    int loWords() {
        return layout.words() - 2;
    }

    /** The plan for a threshold, computed once per segment and threshold. */
    RadiusPlan plan(int threshold) {
        RadiusPlan plan = plans.get(threshold);
        if (plan == null) {
            plan = QueryPlanner.plan(layout, count, threshold);
            plans.set(threshold, plan);
        }
        return plan;
    }

    void words(int ordinal, long[] out, int offset) {
        out[offset] = hi.getAtIndex(LONG, 2L * ordinal);
        out[offset + 1] = hi.getAtIndex(LONG, 2L * ordinal + 1);
        int loWords = loWords();
        for (int k = 0; k < loWords; k++) {
            out[offset + 2 + k] = lo.getAtIndex(LONG, (long) loWords * ordinal + k);
        }
    }

    String id(int ordinal) {
        return ids.id(ordinal);
    }

    /** Bytes a search may touch: hashes, directories, entries. */
    long searchBytes() {
        return hi.byteSize() + lo.byteSize() + dir.byteSize() + ent.byteSize();
    }

    long idBytes() {
        return ids.bytes();
    }
}
