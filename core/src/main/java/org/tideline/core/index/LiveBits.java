package org.tideline.core.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per-entry flags of one part of the index: deleted (gone; dropped at the next merge) and disabled (kept, not
 * returned). Written only under the index's writer lock; each flag is a single volatile word update, so a reader
 * sees an entry either before or after a change, never in between, and sees every change that completed before
 * its search began. Searches consult the flags only for hits, so they cost nothing on the search path.
 */
final class LiveBits {

    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] deleted;
    private final long[] disabled;
    private volatile int deletedCount;
    private volatile int disabledCount;
    /** Changed since last written to disk. */
    private volatile boolean dirty;

    LiveBits(int capacity) {
        this.deleted = new long[(capacity + 63) >>> 6];
        this.disabled = new long[(capacity + 63) >>> 6];
    }

    LiveBits(long[] deleted, long[] disabled) {
        this.deleted = deleted;
        this.disabled = disabled;
        this.deletedCount = count(deleted);
        this.disabledCount = count(disabled);
    }

    private static int count(long[] words) {
        int n = 0;
        for (long w : words) n += Long.bitCount(w);
        return n;
    }

    boolean isDeleted(int ordinal) {
        return bit(deleted, ordinal);
    }

    boolean isDisabled(int ordinal) {
        return bit(disabled, ordinal);
    }

    /** Neither deleted nor disabled: the entry may be returned by a search. */
    boolean matches(int ordinal) {
        int w = ordinal >>> 6;
        long mask = 1L << ordinal;
        return (((long) WORD.getVolatile(deleted, w) | (long) WORD.getVolatile(disabled, w)) & mask) == 0;
    }

    private static boolean bit(long[] words, int ordinal) {
        return ((long) WORD.getVolatile(words, ordinal >>> 6) & (1L << ordinal)) != 0;
    }

    /** Writer only. Returns false if already deleted. */
    boolean delete(int ordinal) {
        if (!set(deleted, ordinal, true)) return false;
        deletedCount++;
        dirty = true;
        return true;
    }

    /** Writer only. Returns false if the flag already had that value. */
    boolean setDisabled(int ordinal, boolean value) {
        if (!set(disabled, ordinal, value)) return false;
        disabledCount += value ? 1 : -1;
        dirty = true;
        return true;
    }

    private static boolean set(long[] words, int ordinal, boolean value) {
        int w = ordinal >>> 6;
        long old = (long) WORD.getVolatile(words, w);
        long updated = value ? old | (1L << ordinal) : old & ~(1L << ordinal);
        if (updated == old) return false;
        WORD.setVolatile(words, w, updated);
        return true;
    }

    int deletedCount() {
        return deletedCount;
    }

    int disabledCount() {
        return disabledCount;
    }

    boolean dirty() {
        return dirty;
    }

    void markClean() {
        dirty = false;
    }

    /** Copies of the flag words, for writing to disk. */
    long[] deletedWords() {
        return snapshot(deleted);
    }

    long[] disabledWords() {
        return snapshot(disabled);
    }

    private static long[] snapshot(long[] words) {
        long[] copy = new long[words.length];
        for (int w = 0; w < words.length; w++) copy[w] = (long) WORD.getVolatile(words, w);
        return copy;
    }

    long bytes() {
        return 8L * (deleted.length + disabled.length);
    }
}
