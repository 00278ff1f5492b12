package org.tideline.core.index;

/**
 * Chooses a segment's {@link ChunkLayout} from its size.
 *
 * <p>PDQ: {@code m} contiguous chunks of {@code 256/m} bits, with {@code m} chosen (8..15) to minimise the expected
 * cost of a search at the default threshold 31 within a memory budget; for uniformly random hashes that is about
 * {@code 256 / log2(n)} chunks, each about as long as {@code log2(n)}, so that a bucket holds about one hash
 * (Norouzi et al.'s rule). The directory gets about one bucket per four entries (a byte an entry), the rest of
 * each chunk is kept in the entries.
 *
 * <p>Digests: one table keyed on 32 bits (well beyond {@code log2(n)}), so that an exact lookup is one probe and
 * a candidate is nearly always the match.
 */
final class LayoutPlanner {

    /** Below this many entries a flat scan beats any table. */
    static final int FLAT_BELOW = 512;
    /** Directory budget: one 4-byte bucket per this many entries. */
    static final int ENTRIES_PER_BUCKET = 4;
    /** Search structure per entry at most (hash, tables, directories), in bytes. */
    static final double MAX_BYTES_PER_ENTRY = 96;
    static final int PDQ_DESIGN_THRESHOLD = 31;

    private LayoutPlanner() {
    }

    static int ordinalBits(long entries) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, entries - 1)));
    }

    static ChunkLayout plan(HashType<?> type, long entries) {
        int words = KeyCodec.of(type).words();
        int ordinalBits = ordinalBits(entries);
        if (entries < FLAT_BELOW) {
            return ChunkLayout.flat(words, ordinalBits);
        }
        if (type == HashType.PDQ) {
            return planPdq(words, entries, ordinalBits);
        }
        return planDigest(words, entries, ordinalBits);
    }

    private static int dirBitsFor(long entries, int chunkBits, int ordinalBits) {
        int dir = 63 - Long.numberOfLeadingZeros(Math.max(2, entries / ENTRIES_PER_BUCKET));
        int minimum = chunkBits - (ChunkLayout.ENTRY_BITS - ordinalBits);
        return Math.max(1, Math.min(Math.min(chunkBits, 30), Math.max(dir, minimum)));
    }

    static ChunkLayout evenChunks(int words, long entries, int ordinalBits, int tables) {
        int bits = words * 64;
        int[] start = new int[tables];
        int[] length = new int[tables];
        int[] dirBits = new int[tables];
        int at = 0;
        for (int i = 0; i < tables; i++) {
            length[i] = bits / tables + (i < bits % tables ? 1 : 0);
            start[i] = at;
            at += length[i];
            dirBits[i] = dirBitsFor(entries, length[i], ordinalBits);
        }
        return new ChunkLayout(words, ordinalBits, start, length, dirBits);
    }

    private static ChunkLayout planPdq(int words, long entries, int ordinalBits) {
        ChunkLayout best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        int minTables = (words * 64 + ChunkLayout.MAX_CHUNK_BITS - 1) / ChunkLayout.MAX_CHUNK_BITS;
        for (int m = minTables; m <= ChunkLayout.MAX_TABLES; m++) {
            ChunkLayout layout = evenChunks(words, entries, ordinalBits, m);
            if (bytesPerEntry(layout, entries) > MAX_BYTES_PER_ENTRY && best != null) {
                continue;
            }
            double cost = QueryPlanner.plan(layout, entries, PDQ_DESIGN_THRESHOLD).estimatedNanos();
            if (cost < bestCost) {
                bestCost = cost;
                best = layout;
            }
        }
        return best;
    }

    private static ChunkLayout planDigest(int words, long entries, int ordinalBits) {
        int length = ChunkLayout.MAX_CHUNK_BITS;
        int dirBits = dirBitsFor(entries, length, ordinalBits);
        int keep = Math.min(length - dirBits, ChunkLayout.ENTRY_BITS - ordinalBits);
        return new ChunkLayout(words, ordinalBits, new int[] {0}, new int[] {dirBits + keep}, new int[] {dirBits});
    }

    /** Hash words, table entries and directories, per entry, as the segment will lay them out. */
    static double bytesPerEntry(ChunkLayout layout, long entries) {
        SegmentSections at = new SegmentSections(layout, entries, false, 0);
        double bytes = 0;
        for (SegmentSections.Kind kind : new SegmentSections.Kind[] {SegmentSections.Kind.HI, SegmentSections.Kind.LO,
                SegmentSections.Kind.DIR, SegmentSections.Kind.ENT}) {
            bytes += at.length(kind);
        }
        return bytes / Math.max(1, entries);
    }
}
