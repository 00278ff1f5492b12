package org.tideline.core.index;

import java.util.Arrays;

/**
 * Which bits of a hash each multi-index table is keyed on, and how each table is addressed.
 *
 * <p>Bits are numbered across the hash's words: bit {@code p} is bit {@code p % 64} (0 = least significant) of
 * word {@code p / 64}. Table {@code i} is keyed on the contiguous chunk of {@code length(i)} bits starting at
 * {@code start(i)}; chunks are disjoint (they need not cover every bit: uncovered bits only add distance, so the
 * pigeonhole argument in {@link QueryPlanner} still holds). The top {@code dirBits(i)} bits of a chunk select a
 * directory bucket; the remaining {@code keepBits(i)} low bits are stored in each table entry above the entry's
 * ordinal, and filtered there (so a probe costs one directory read, not {@code 2^keepBits}).
 */
final class ChunkLayout {

    /** Table entries are 32-bit: kept chunk bits above the ordinal. */
    static final int ENTRY_BITS = Integer.SIZE;
    /** Chunks are at most this long, so that a chunk fits an int. */
    static final int MAX_CHUNK_BITS = 32;
    static final int MAX_TABLES = 15;

    private final int words;
    private final int ordinalBits;
    private final int[] start;
    private final int[] length;
    private final int[] dirBits;

    ChunkLayout(int words, int ordinalBits, int[] start, int[] length, int[] dirBits) {
        if (start.length != length.length || start.length != dirBits.length || start.length > MAX_TABLES) {
            throw new IllegalArgumentException("bad chunk layout: " + start.length + " tables");
        }
        if (ordinalBits < 1 || ordinalBits > 31) {
            throw new IllegalArgumentException("ordinal bits " + ordinalBits + " outside 1..31");
        }
        for (int i = 0; i < start.length; i++) {
            if (length[i] < 1 || length[i] > MAX_CHUNK_BITS || start[i] < 0 || start[i] + length[i] > words * 64) {
                throw new IllegalArgumentException("chunk " + i + " [" + start[i] + "+" + length[i] + ") out of range");
            }
            if (dirBits[i] < 0 || dirBits[i] > length[i] || length[i] - dirBits[i] + ordinalBits > ENTRY_BITS
                    || dirBits[i] > 30) {
                throw new IllegalArgumentException("chunk " + i + ": " + dirBits[i] + " directory bits of "
                        + length[i] + " with " + ordinalBits + " ordinal bits do not fit");
            }
        }
        checkDisjoint(start, length);
        this.words = words;
        this.ordinalBits = ordinalBits;
        this.start = start.clone();
        this.length = length.clone();
        this.dirBits = dirBits.clone();
    }

    /** No tables: every search is a flat scan. */
    static ChunkLayout flat(int words, int ordinalBits) {
        return new ChunkLayout(words, ordinalBits, new int[0], new int[0], new int[0]);
    }

    private static void checkDisjoint(int[] start, int[] length) {
        Integer[] order = new Integer[start.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(start[a], start[b]));
        for (int k = 1; k < order.length; k++) {
            int prev = order[k - 1];
            if (start[prev] + length[prev] > start[order[k]]) {
                throw new IllegalArgumentException("chunks " + prev + " and " + order[k] + " overlap");
            }
        }
    }

    int words() {
        return words;
    }

    int ordinalBits() {
        return ordinalBits;
    }

    int tables() {
        return start.length;
    }

    int start(int table) {
        return start[table];
    }

    int length(int table) {
        return length[table];
    }

    int dirBits(int table) {
        return dirBits[table];
    }

    int keepBits(int table) {
        return length[table] - dirBits[table];
    }

    /** Number of directory offsets of a table: one per bucket plus the end. */
    long dirEntries(int table) {
        return (1L << dirBits[table]) + 1;
    }

    /** The chunk of table {@code table} in the hash whose words are {@code w[off..off+words)}. */
    int chunk(long[] w, int off, int table) {
        return extract(w, off, start[table], length[table]);
    }

    static int extract(long[] w, int off, int start, int length) {
        int word = start >>> 6;
        int shift = start & 63;
        long v = w[off + word] >>> shift;
        if (shift + length > 64) {
            v |= w[off + word + 1] << (64 - shift);
        }
        return (int) (v & ((1L << length) - 1));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("layout[");
        for (int i = 0; i < start.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(start[i]).append('+').append(length[i]).append('/').append(dirBits[i]);
        }
        return sb.append(" ord=").append(ordinalBits).append(']').toString();
    }
}
