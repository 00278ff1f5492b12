package org.tideline.core.index;

import java.util.List;

/**
 * What a search sees: an immutable list of parts, the last of which is the view of the recent-additions buffer.
 * Writers publish a new snapshot (one volatile write) after each change; a search reads the current one once and
 * works on it throughout, so it never waits and never sees a half-made change.
 *
 * @param parts    segments, then frozen buffers awaiting conversion, then the active buffer's view
 * @param tail     the active buffer, the last part's tail
 * @param sequence incremented by every published change
 */
record Snapshot(List<Part> parts, Tail tail, long sequence) {

    Snapshot {
        parts = List.copyOf(parts);
    }

    static Snapshot empty(Tail tail) {
        return new Snapshot(List.of(new TailPart(tail, 0)), tail, 0);
    }

    /** The same parts with the active buffer's view extended to its current count. */
    Snapshot withTailCount() {
        Part[] copy = parts.toArray(new Part[0]);
        copy[copy.length - 1] = new TailPart(tail, tail.count());
        return new Snapshot(List.of(copy), tail, sequence + 1);
    }

    Snapshot bumped() {
        return new Snapshot(parts, tail, sequence + 1);
    }
}
