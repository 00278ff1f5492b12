package org.tideline.core.index;

/**
 * Where each section of a segment lies in its file, computed from the segment's shape alone so that a writer can
 * lay a file out before filling it and a reader can check a header against the file.
 *
 * <pre>
 * offset 0      header, {@value #HEADER_BYTES} bytes (see {@link SegmentFile})
 * HI            n x 16 bytes: words 0 and 1 of each hash, little-endian
 * LO            n x 8 x (words - 2) bytes: the remaining words
 * DIR           per table, 2^dirBits + 1 ints: start of each bucket in the table's entries, then n
 * ENT           per table, n + 16 ints rounded up to 16: kept chunk bits above the ordinal, by bucket
 * ID_OFFSETS    n + 1 longs: end of each id in ID_BLOB (absent when no entry has an id)
 * ID_BLOB       the ids, UTF-8, concatenated
 * trailer       {@value #TRAILER_BYTES} bytes
 * </pre>
 * Every section starts on a {@value #ALIGN}-byte boundary, so a 16-byte HI record never straddles a cache line.
 */
final class SegmentSections {

    enum Kind { HI, LO, DIR, ENT, ID_OFFSETS, ID_BLOB }

    static final int HEADER_BYTES = 1024;
    static final int TRAILER_BYTES = 64;
    static final int ALIGN = 64;

    private final long[] offset = new long[Kind.values().length];
    private final long[] length = new long[Kind.values().length];
    private final long fileLength;

    SegmentSections(ChunkLayout layout, long entries, boolean hasIds, long idBlobBytes) {
        long at = HEADER_BYTES;
        for (Kind kind : Kind.values()) {
            long bytes = switch (kind) {
                case HI -> 16L * entries;
                case LO -> 8L * (layout.words() - 2) * entries;
                case DIR -> 4L * dirInts(layout);
                case ENT -> 4L * layout.tables() * Segment.entStride(entries);
                case ID_OFFSETS -> hasIds ? 8L * (entries + 1) : 0;
                case ID_BLOB -> hasIds ? idBlobBytes : 0;
            };
            offset[kind.ordinal()] = at;
            length[kind.ordinal()] = bytes;
            at = align(at + bytes);
        }
        fileLength = at + TRAILER_BYTES;
    }

    static long dirInts(ChunkLayout layout) {
        long ints = 0;
        for (int i = 0; i < layout.tables(); i++) ints += layout.dirEntries(i);
        return ints;
    }

    static long align(long at) {
        return (at + ALIGN - 1) & -ALIGN;
    }

    long offset(Kind kind) {
        return offset[kind.ordinal()];
    }

    long length(Kind kind) {
        return length[kind.ordinal()];
    }

    long fileLength() {
        return fileLength;
    }
}
