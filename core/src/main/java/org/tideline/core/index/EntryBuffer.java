package org.tideline.core.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entries gathered for building a segment: hash words in one growable array, ids as UTF-8 in another. Kept as
 * primitives (no object per entry) so that 100M entries cost their bytes and no more.
 */
final class EntryBuffer {

    private final int words;
    private long[] hashWords;
    private long[] idEnds;
    private byte[] idBytes = new byte[0];
    private long idLength;
    private int count;

    EntryBuffer(int words, int expected) {
        this.words = words;
        this.hashWords = new long[Math.max(16, expected) * words];
    }

    int words() {
        return words;
    }

    int count() {
        return count;
    }

    long[] hashWords() {
        return hashWords;
    }

    boolean hasIds() {
        return idLength > 0;
    }

    long idLength() {
        return idLength;
    }

    /** Appends one entry whose words are {@code src[off..off+words)}. */
    void add(long[] src, int off, String id) {
        byte[] utf8 = id.isEmpty() ? null : id.getBytes(StandardCharsets.UTF_8);
        add(src, off, utf8);
    }

    void add(long[] src, int off, byte[] idUtf8) {
        if (count == Integer.MAX_VALUE - 16 || (long) (count + 1) * words > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a segment holds at most " + (Integer.MAX_VALUE / words) + " entries");
        }
        if ((count + 1) * words > hashWords.length) {
            // 1.5x: at 100M entries the array is 3.2 GB, and doubling would hold 2.5x that during the copy
            hashWords = Arrays.copyOf(hashWords, (int) Math.min(Integer.MAX_VALUE - 16L, hashWords.length * 3L / 2 + words));
        }
        System.arraycopy(src, off, hashWords, count * words, words);
        boolean hasId = idUtf8 != null && idUtf8.length > 0;
        if (idEnds == null && hasId) {
            idEnds = new long[Math.max(16, hashWords.length / words) + 1]; // all earlier ids were empty: zeros
        }
        if (idEnds != null && count + 2 > idEnds.length) {
            idEnds = Arrays.copyOf(idEnds, (int) Math.min(Integer.MAX_VALUE - 16L, idEnds.length * 3L / 2 + 2));
        }
        if (hasId) {
            if (idLength + idUtf8.length > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("ids of one segment are limited to 2 GB");
            }
            if (idLength + idUtf8.length > idBytes.length) {
                idBytes = Arrays.copyOf(idBytes, (int) Math.min(Integer.MAX_VALUE - 16L,
                        Math.max(idLength + idUtf8.length, idBytes.length * 2L + 64)));
            }
            System.arraycopy(idUtf8, 0, idBytes, (int) idLength, idUtf8.length);
            idLength += idUtf8.length;
        }
        count++;
        if (idEnds != null) idEnds[count] = idLength;
    }

    long idEnd(int ordinal) {
        return idEnds == null ? 0 : idEnds[ordinal + 1];
    }

    long idStart(int ordinal) {
        return idEnds == null ? 0 : idEnds[ordinal];
    }

    byte[] idBytes() {
        return idBytes;
    }

    String id(int ordinal) {
        int from = (int) idStart(ordinal);
        return new String(idBytes, from, (int) idEnd(ordinal) - from, StandardCharsets.UTF_8);
    }

    /**
     * Drops repeated (hash, id) pairs, keeping the first. Sorts entry numbers by hash (an LSD radix sort on the
     * first word, then comparing the rest within runs of equal first words), so it is O(n) memory passes.
     */
    void dedupe() {
        if (count < 2) return;
        int[] order = RadixSort.byFirstWord(hashWords, words, count);
        boolean[] drop = new boolean[count];
        int dropped = 0;
        int runStart = 0;
        for (int k = 1; k <= count; k++) {
            if (k < count && hashWords[order[k] * words] == hashWords[order[runStart] * words]) continue;
            if (k - runStart > 1) dropped += markDuplicates(order, runStart, k, drop);
            runStart = k;
        }
        if (dropped > 0) compact(drop);
    }

    private int markDuplicates(int[] order, int from, int to, boolean[] drop) {
        int dropped = 0;
        for (int a = from; a < to; a++) {
            int x = order[a];
            if (drop[x]) continue;
            for (int b = a + 1; b < to; b++) {
                int y = order[b];
                if (!drop[y] && sameEntry(x, y)) {
                    drop[Math.max(x, y)] = true;
                    dropped++;
                    if (y < x) break;
                }
            }
        }
        return dropped;
    }

    private boolean sameEntry(int x, int y) {
        for (int w = 0; w < words; w++) {
            if (hashWords[x * words + w] != hashWords[y * words + w]) return false;
        }
        return Arrays.equals(idBytes, (int) idStart(x), (int) idEnd(x), idBytes, (int) idStart(y), (int) idEnd(y));
    }

    private void compact(boolean[] drop) {
        int out = 0;
        long idOut = 0;
        for (int k = 0; k < count; k++) {
            if (drop[k]) continue;
            System.arraycopy(hashWords, k * words, hashWords, out * words, words);
            if (idEnds != null) {
                int len = (int) (idEnds[k + 1] - idEnds[k]);
                System.arraycopy(idBytes, (int) idEnds[k], idBytes, (int) idOut, len);
                idEnds[out] = idOut;
                idOut += len;
            }
            out++;
        }
        count = out;
        if (idEnds != null) idEnds[count] = idOut;
        idLength = idOut;
    }
}
