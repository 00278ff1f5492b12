package org.tideline.core.index;

import java.lang.foreign.MemorySegment;
import java.util.stream.IntStream;

/**
 * Builds a {@link Segment} from gathered entries: copies the hashes into HI/LO, the ids, and for each table sorts
 * the entries by their chunk with a counting sort (two passes over the hashes, O(n + 2^dirBits)). Tables are
 * independent and built in parallel.
 */
final class SegmentBuilder {

    /** Where sections are placed: fresh memory, or slices of a file being written. */
    interface Store {
        MemorySegment section(SegmentSections.Kind kind, long offset, long bytes);
    }

    private SegmentBuilder() {
    }

    /** Sections in off-heap memory (huge pages where possible) freed when the segment becomes unreachable. */
    static Store inMemory() {
        return (kind, offset, bytes) -> HugePages.allocate(bytes);
    }

    static Segment build(HashType<?> type, EntryBuffer entries, Store store) {
        return build(type, entries, LayoutPlanner.plan(type, entries.count()), store);
    }

    static Segment build(HashType<?> type, EntryBuffer entries, ChunkLayout layout, Store store) {
        int n = entries.count();
        SegmentSections at = new SegmentSections(layout, n, entries.hasIds(), entries.idLength());
        MemorySegment hi = section(store, at, SegmentSections.Kind.HI);
        MemorySegment lo = section(store, at, SegmentSections.Kind.LO);
        MemorySegment dir = section(store, at, SegmentSections.Kind.DIR);
        MemorySegment ent = section(store, at, SegmentSections.Kind.ENT);
        MemorySegment idEnds = section(store, at, SegmentSections.Kind.ID_OFFSETS);
        MemorySegment idBlob = section(store, at, SegmentSections.Kind.ID_BLOB);
        copyHashes(entries, hi, lo);
        if (entries.hasIds()) {
            for (int o = 0; o <= n; o++) {
                idEnds.setAtIndex(Segment.LONG, o, o == 0 ? 0 : entries.idEnd(o - 1));
            }
            MemorySegment.copy(MemorySegment.ofArray(entries.idBytes()), 0, idBlob, 0, entries.idLength());
        }
        Segment segment = new Segment(type, n, layout, hi, lo, dir, ent, new SegmentIds(idEnds, idBlob));
        IntStream.range(0, layout.tables()).parallel().forEach(t -> buildTable(segment, entries, t));
        return segment;
    }

    private static MemorySegment section(Store store, SegmentSections at, SegmentSections.Kind kind) {
        return store.section(kind, at.offset(kind), at.length(kind));
    }

    private static void copyHashes(EntryBuffer entries, MemorySegment hi, MemorySegment lo) {
        long[] w = entries.hashWords();
        int words = entries.words();
        int loWords = words - 2;
        int n = entries.count();
        for (int o = 0; o < n; o++) {
            int base = o * words;
            hi.setAtIndex(Segment.LONG, 2L * o, w[base]);
            hi.setAtIndex(Segment.LONG, 2L * o + 1, w[base + 1]);
            for (int k = 0; k < loWords; k++) {
                lo.setAtIndex(Segment.LONG, (long) loWords * o + k, w[base + 2 + k]);
            }
        }
    }

    private static void buildTable(Segment segment, EntryBuffer entries, int table) {
        ChunkLayout layout = segment.layout();
        long[] w = entries.hashWords();
        int words = entries.words();
        int n = entries.count();
        int start = layout.start(table);
        int length = layout.length(table);
        int keep = layout.keepBits(table);
        int ordinalBits = layout.ordinalBits();
        int keepMask = (int) ((1L << keep) - 1);
        int buckets = 1 << layout.dirBits(table);
        int[] next = new int[buckets + 1];
        for (int o = 0; o < n; o++) {
            next[(ChunkLayout.extract(w, o * words, start, length) >>> keep) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            next[b + 1] += next[b];
        }
        MemorySegment dir = segment.dir();
        long dirBase = segment.dirBase(table);
        for (int b = 0; b <= buckets; b++) {
            dir.setAtIndex(Segment.INT, dirBase + b, next[b]);
        }
        MemorySegment ent = segment.ent();
        long entBase = segment.entBase(table);
        for (int o = 0; o < n; o++) {
            int key = ChunkLayout.extract(w, o * words, start, length);
            ent.setAtIndex(Segment.INT, entBase + next[key >>> keep]++, ((key & keepMask) << ordinalBits) | o);
        }
        for (long p = entBase + n; p < entBase + Segment.entStride(n); p++) {
            ent.setAtIndex(Segment.INT, p, 0);
        }
    }
}
