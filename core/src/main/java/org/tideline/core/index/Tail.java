package org.tideline.core.index;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The buffer of the most recent additions: append-only, searched by a flat scan (it is small), in the same HI/LO
 * layout as a segment so that the same kernels scan it. One writer appends under the index's lock and then
 * publishes a new count in a new snapshot; readers look only at entries below the count their snapshot carries,
 * which were fully written before it was published.
 */
final class Tail {

    private final int capacity;
    private final int loWords;
    private final MemorySegment hi;
    private final MemorySegment lo;
    private final String[] ids;
    private final LiveBits live;
    private int count;

    Tail(int words, int capacity) {
        this.capacity = capacity;
        this.loWords = words - 2;
        Arena arena = Arena.ofAuto();
        // Native memory, like segments, so that the kernels' memory accesses see one kind of MemorySegment.
        this.hi = arena.allocate(16L * capacity, SegmentSections.ALIGN);
        this.lo = arena.allocate(Math.max(1, 8L * loWords * capacity), SegmentSections.ALIGN);
        this.ids = new String[capacity];
        this.live = new LiveBits(capacity);
    }

    int capacity() {
        return capacity;
    }

    int count() {
        return count;
    }

    boolean isFull() {
        return count == capacity;
    }

    MemorySegment hi() {
        return hi;
    }

    MemorySegment lo() {
        return lo;
    }

    int loWords() {
        return loWords;
    }

    LiveBits live() {
        return live;
    }

    /** Writer only: stores one entry and returns its ordinal; it is visible once a snapshot with a larger count is published. */
    int append(long[] words, String id) {
        int o = count;
        hi.setAtIndex(Segment.LONG, 2L * o, words[0]);
        hi.setAtIndex(Segment.LONG, 2L * o + 1, words[1]);
        for (int k = 0; k < loWords; k++) {
            lo.setAtIndex(Segment.LONG, (long) loWords * o + k, words[2 + k]);
        }
        ids[o] = id;
        count = o + 1;
        return o;
    }

    void words(int ordinal, long[] out, int offset) {
        out[offset] = hi.getAtIndex(Segment.LONG, 2L * ordinal);
        out[offset + 1] = hi.getAtIndex(Segment.LONG, 2L * ordinal + 1);
        for (int k = 0; k < loWords; k++) {
            out[offset + 2 + k] = lo.getAtIndex(Segment.LONG, (long) loWords * ordinal + k);
        }
    }

    String id(int ordinal) {
        return ids[ordinal];
    }
}
