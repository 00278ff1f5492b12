package org.tideline.core.index;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A segment's file: the sections of {@link SegmentSections} behind a header and before a trailer, every section
 * and the header checksummed with CRC32C.
 *
 * <pre>
 * header (little-endian)
 *   0   "TDLNSEG1"          8 bytes
 *   8   version             int (1)
 *   12  hash type code      int (1 pdq, 2 md5, 3 sha1, 4 sha256)
 *   16  words per hash      int
 *   20  tables              int
 *   24  entries             long
 *   32  ordinal bits        int
 *   36  flags               int (bit 0: ids present)
 *   40  id blob bytes       long
 *   64  per table: chunk start, chunk length, directory bits (3 ints)
 *   256 per section (HI, LO, DIR, ENT, ID_OFFSETS, ID_BLOB): offset long, length long, crc32c int, 0 int
 *   1016 crc32c of bytes 0..1016
 * trailer, the file's last 64 bytes: "TDLNEND1", file length (long), header crc (int)
 * </pre>
 * A file is written under a temporary name, forced to disk and only then renamed, so a name that exists names a
 * whole file; opening still checks the trailer, the header and (by default) every section, so a file damaged
 * afterwards is refused rather than searched.
 */
final class SegmentFile {

    static final String SUFFIX = ".tdls";
    private static final byte[] MAGIC = "TDLNSEG1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "TDLNEND1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int CHUNKS_AT = 64;
    private static final int SECTIONS_AT = 256;
    private static final int SECTION_BYTES = 24;
    private static final int HEADER_CRC_AT = 1016;
    private static final int FLAG_IDS = 1;
    private static final long CRC_SLICE = 1L << 30;

    private SegmentFile() {
    }

    /** Builds a segment straight into {@code file} (via a temporary name) and returns it memory-mapped. */
    static Segment build(HashType<?> type, EntryBuffer entries, ChunkLayout layout, Path file) throws IOException {
        SegmentSections at = new SegmentSections(layout, entries.count(), entries.hasIds(), entries.idLength());
        writeAtomically(file, at, map ->
                SegmentBuilder.build(type, entries, layout, (kind, offset, bytes) -> map.asSlice(offset, bytes)));
        return open(file, false);
    }

    /** Writes an in-memory segment to {@code file} (via a temporary name). */
    static void write(Segment segment, Path file) throws IOException {
        SegmentSections at = new SegmentSections(segment.layout(), segment.count(), segment.ids().present(),
                segment.ids().present() ? blobBytes(segment) : 0);
        writeAtomically(file, at, map -> {
            copy(segment.hi(), map, at, SegmentSections.Kind.HI);
            copy(segment.lo(), map, at, SegmentSections.Kind.LO);
            copy(segment.dir(), map, at, SegmentSections.Kind.DIR);
            copy(segment.ent(), map, at, SegmentSections.Kind.ENT);
            if (segment.ids().present()) {
                segment.ids().copyTo(
                        map.asSlice(at.offset(SegmentSections.Kind.ID_OFFSETS), at.length(SegmentSections.Kind.ID_OFFSETS)),
                        map.asSlice(at.offset(SegmentSections.Kind.ID_BLOB), at.length(SegmentSections.Kind.ID_BLOB)));
            }
            return segment;
        });
    }

    /** Fills a mapped file's sections and returns the segment they hold. */
    private interface SectionWriter {
        Segment fill(MemorySegment map) throws IOException;
    }

    /**
     * Writes a segment file under a temporary name, seals it (header, checksums), forces it to disk and only then
     * renames it into place, so a crash leaves either no file or a whole one.
     */
    private static void writeAtomically(Path file, SegmentSections at, SectionWriter writer) throws IOException {
        Path tmp = temporary(file);
        // shared: the builder fills the tables in parallel
        try (Arena arena = Arena.ofShared();
             FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                     StandardOpenOption.WRITE)) {
            MemorySegment map = ch.map(FileChannel.MapMode.READ_WRITE, 0, at.fileLength(), arena);
            finish(map, writer.fill(map), at);
            map.force();
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        publish(tmp, file);
    }

    private static long blobBytes(Segment segment) {
        return segment.ids().blobBytes();
    }

    private static void copy(MemorySegment from, MemorySegment map, SegmentSections at, SegmentSections.Kind kind) {
        MemorySegment.copy(from, 0, map, at.offset(kind), at.length(kind));
    }

    static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** Renames a fully written, forced file into place and forces the directory entry. */
    static void publish(Path tmp, Path file) throws IOException {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        IndexDirectory.forceDirectory(file.getParent());
    }

    private static void finish(MemorySegment map, Segment segment, SegmentSections at) {
        ChunkLayout layout = segment.layout();
        MemorySegment header = map.asSlice(0, SegmentSections.HEADER_BYTES);
        header.fill((byte) 0);
        MemorySegment.copy(MAGIC, 0, header, ValueLayout.JAVA_BYTE, 0, MAGIC.length);
        header.set(Segment.INT, 8, VERSION);
        header.set(Segment.INT, 12, KeyCodec.of(segment.type()).fileCode());
        header.set(Segment.INT, 16, layout.words());
        header.set(Segment.INT, 20, layout.tables());
        header.set(Segment.LONG, 24, segment.count());
        header.set(Segment.INT, 32, layout.ordinalBits());
        header.set(Segment.INT, 36, segment.ids().present() ? FLAG_IDS : 0);
        header.set(Segment.LONG, 40, at.length(SegmentSections.Kind.ID_BLOB));
        for (int i = 0; i < layout.tables(); i++) {
            header.set(Segment.INT, CHUNKS_AT + 12L * i, layout.start(i));
            header.set(Segment.INT, CHUNKS_AT + 12L * i + 4, layout.length(i));
            header.set(Segment.INT, CHUNKS_AT + 12L * i + 8, layout.dirBits(i));
        }
        for (SegmentSections.Kind kind : SegmentSections.Kind.values()) {
            long base = SECTIONS_AT + (long) SECTION_BYTES * kind.ordinal();
            header.set(Segment.LONG, base, at.offset(kind));
            header.set(Segment.LONG, base + 8, at.length(kind));
            header.set(Segment.INT, base + 16, crc(map.asSlice(at.offset(kind), at.length(kind))));
        }
        int headerCrc = crc(header.asSlice(0, HEADER_CRC_AT));
        header.set(Segment.INT, HEADER_CRC_AT, headerCrc);
        MemorySegment trailer = map.asSlice(at.fileLength() - SegmentSections.TRAILER_BYTES);
        trailer.fill((byte) 0);
        MemorySegment.copy(END, 0, trailer, ValueLayout.JAVA_BYTE, 0, END.length);
        trailer.set(Segment.LONG, 8, at.fileLength());
        trailer.set(Segment.INT, 16, headerCrc);
    }

    static int crc(MemorySegment data) {
        CRC32C crc = new CRC32C();
        for (long off = 0; off < data.byteSize(); off += CRC_SLICE) {
            crc.update(data.asSlice(off, Math.min(CRC_SLICE, data.byteSize() - off)).asByteBuffer());
        }
        return (int) crc.getValue();
    }

    /**
     * Maps a segment file read-only, checking its trailer and header, and with {@code verify} every section's
     * checksum.
     *
     * @throws CorruptIndexException when anything does not match
     */
    static Segment open(Path file, boolean verify) throws IOException {
        String name = file.getFileName().toString();
        long size = Files.size(file);
        if (size < SegmentSections.HEADER_BYTES + SegmentSections.TRAILER_BYTES) {
            throw new CorruptIndexException(name + ": truncated (" + size + " bytes)");
        }
        MemorySegment map;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto());
        }
        MemorySegment trailer = map.asSlice(size - SegmentSections.TRAILER_BYTES);
        if (!startsWith(trailer, END) || trailer.get(Segment.LONG, 8) != size) {
            throw new CorruptIndexException(name + ": no valid trailer (truncated or not a segment)");
        }
        MemorySegment header = map.asSlice(0, SegmentSections.HEADER_BYTES);
        int headerCrc = header.get(Segment.INT, HEADER_CRC_AT);
        if (!startsWith(header, MAGIC) || crc(header.asSlice(0, HEADER_CRC_AT)) != headerCrc
                || trailer.get(Segment.INT, 16) != headerCrc) {
            throw new CorruptIndexException(name + ": header checksum mismatch");
        }
        if (header.get(Segment.INT, 8) != VERSION) {
            throw new CorruptIndexException(name + ": unsupported version " + header.get(Segment.INT, 8));
        }
        try {
            return parse(name, map, header, size, verify);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new CorruptIndexException(name + ": inconsistent header: " + e.getMessage(), e);
        }
    }

    private static Segment parse(String name, MemorySegment map, MemorySegment header, long size, boolean verify)
            throws CorruptIndexException {
        HashType<?> type = KeyCodec.byFileCode(header.get(Segment.INT, 12));
        int words = header.get(Segment.INT, 16);
        int tables = header.get(Segment.INT, 20);
        long count = header.get(Segment.LONG, 24);
        int ordinalBits = header.get(Segment.INT, 32);
        boolean hasIds = (header.get(Segment.INT, 36) & FLAG_IDS) != 0;
        long idBlob = header.get(Segment.LONG, 40);
        if (words != KeyCodec.of(type).words() || tables < 0 || tables > ChunkLayout.MAX_TABLES || count < 0
                || count > Integer.MAX_VALUE || ordinalBits != LayoutPlanner.ordinalBits(count) || idBlob < 0) {
            throw new CorruptIndexException(name + ": inconsistent header fields");
        }
        int[] start = new int[tables];
        int[] length = new int[tables];
        int[] dirBits = new int[tables];
        for (int i = 0; i < tables; i++) {
            start[i] = header.get(Segment.INT, CHUNKS_AT + 12L * i);
            length[i] = header.get(Segment.INT, CHUNKS_AT + 12L * i + 4);
            dirBits[i] = header.get(Segment.INT, CHUNKS_AT + 12L * i + 8);
        }
        ChunkLayout layout = new ChunkLayout(words, ordinalBits, start, length, dirBits);
        SegmentSections at = new SegmentSections(layout, count, hasIds, idBlob);
        if (at.fileLength() != size) {
            throw new CorruptIndexException(name + ": file length " + size + " does not match its header");
        }
        MemorySegment[] sections = new MemorySegment[SegmentSections.Kind.values().length];
        for (SegmentSections.Kind kind : SegmentSections.Kind.values()) {
            long base = SECTIONS_AT + (long) SECTION_BYTES * kind.ordinal();
            if (header.get(Segment.LONG, base) != at.offset(kind) || header.get(Segment.LONG, base + 8) != at.length(kind)) {
                throw new CorruptIndexException(name + ": section " + kind + " is misplaced");
            }
            sections[kind.ordinal()] = map.asSlice(at.offset(kind), at.length(kind));
            if (verify && crc(sections[kind.ordinal()]) != header.get(Segment.INT, base + 16)) {
                throw new CorruptIndexException(name + ": checksum mismatch in section " + kind);
            }
        }
        return new Segment(type, (int) count, layout, sections[0], sections[1], sections[2], sections[3],
                new SegmentIds(sections[4], sections[5]), true);
    }

    private static boolean startsWith(MemorySegment data, byte[] magic) {
        return MemorySegment.mismatch(data, 0, magic.length, MemorySegment.ofArray(magic), 0, magic.length) < 0;
    }
}
