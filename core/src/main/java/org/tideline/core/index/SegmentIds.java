package org.tideline.core.index;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** The ids of a segment's entries: UTF-8 bytes and their end offsets, or nothing when every id is empty. */
final class SegmentIds {

    private static final ValueLayout.OfLong LONG = Segment.LONG;

    private final MemorySegment ends;
    private final MemorySegment blob;

    SegmentIds(MemorySegment ends, MemorySegment blob) {
        this.ends = ends;
        this.blob = blob;
    }

    boolean present() {
        return ends.byteSize() > 0;
    }

    String id(int ordinal) {
        if (!present()) return "";
        long from = ends.getAtIndex(LONG, ordinal);
        long to = ends.getAtIndex(LONG, ordinal + 1);
        if (from == to) return "";
        byte[] bytes = blob.asSlice(from, to - from).toArray(ValueLayout.JAVA_BYTE);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether entry {@code ordinal}'s id is {@code id}, without decoding (only a match's id is ever decoded). */
    boolean idEquals(int ordinal, byte[] utf8) {
        if (!present()) return utf8.length == 0;
        long from = ends.getAtIndex(LONG, ordinal);
        long to = ends.getAtIndex(LONG, ordinal + 1);
        if (to - from != utf8.length) return false;
        return MemorySegment.mismatch(blob, from, to, MemorySegment.ofArray(utf8), 0, utf8.length) < 0;
    }

    long blobBytes() {
        return blob.byteSize();
    }

    void copyTo(MemorySegment endsOut, MemorySegment blobOut) {
        MemorySegment.copy(ends, 0, endsOut, 0, ends.byteSize());
        MemorySegment.copy(blob, 0, blobOut, 0, blob.byteSize());
    }

    long bytes() {
        return ends.byteSize() + blob.byteSize();
    }
}
