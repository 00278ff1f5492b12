package org.tideline.core.index;

import java.util.List;

/**
 * Gathers the entries of several parts that are not deleted into one new in-memory segment, remembering where
 * each came from so that flags changed meanwhile can be carried over when the segment is installed.
 */
final class PartMerger {

    private final List<Part> sources;
    private final int[] sourcePart;
    private final int[] sourceOrdinal;
    private final Segment segment;

    private PartMerger(List<Part> sources, int[] sourcePart, int[] sourceOrdinal, Segment segment) {
        this.sources = sources;
        this.sourcePart = sourcePart;
        this.sourceOrdinal = sourceOrdinal;
        this.segment = segment;
    }

    /** Reads the sources (safe without the writer lock: parts are immutable, flags are read atomically). */
    static PartMerger merge(HashType<?> type, List<Part> sources) {
        int words = KeyCodec.of(type).words();
        long total = 0;
        for (Part p : sources) total += p.count();
        EntryBuffer buffer = new EntryBuffer(words, (int) Math.min(total, Integer.MAX_VALUE - 64));
        int[] sourcePart = new int[(int) total];
        int[] sourceOrdinal = new int[(int) total];
        long[] w = new long[words];
        int n = 0;
        for (int pi = 0; pi < sources.size(); pi++) {
            Part part = sources.get(pi);
            for (int o = 0; o < part.count(); o++) {
                if (part.live().isDeleted(o)) continue;
                part.words(o, w, 0);
                buffer.add(w, 0, part.id(o));
                sourcePart[n] = pi;
                sourceOrdinal[n] = o;
                n++;
            }
        }
        Segment segment = n == 0 ? null : SegmentBuilder.build(type, buffer, SegmentBuilder.inMemory());
        return new PartMerger(sources, sourcePart, sourceOrdinal, segment);
    }

    List<Part> sources() {
        return sources;
    }

    /** The merged segment, or null when every source entry was deleted. */
    Segment segment() {
        return segment;
    }

    /**
     * The merged segment's flags as the sources' flags are now. Call under the writer lock, so that no change
     * lands between this copy and the swap.
     */
    LiveBits currentFlags() {
        LiveBits live = new LiveBits(segment.count());
        for (int k = 0; k < segment.count(); k++) {
            LiveBits from = sources.get(sourcePart[k]).live();
            if (from.isDeleted(sourceOrdinal[k])) live.delete(k);
            if (from.isDisabled(sourceOrdinal[k])) live.setDisabled(k, true);
        }
        return live;
    }
}
