package org.tideline.core.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A segment's deleted and disabled flags as of one commit: segments never change, so deletions made after a
 * segment was written live in these small files, a new one per commit that changed them.
 *
 * <pre>
 * "TDLNLIV1", version int (1), 0 int, entries long, segment number long,
 * deleted flags (ceil(entries/64) longs), disabled flags (same), crc32c int of all before, "TDLNEND1"
 * </pre>
 */
final class LivenessFile {

    static final String SUFFIX = ".tdll";
    private static final byte[] MAGIC = "TDLNLIV1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "TDLNEND1".getBytes(StandardCharsets.US_ASCII);
    private static final int FIXED = 32;

    private LivenessFile() {
    }

    static void write(Path file, long segmentNumber, int entries, LiveBits live) throws IOException {
        long[] deleted = live.deletedWords();
        long[] disabled = live.disabledWords();
        ByteBuffer buf = ByteBuffer.allocate(FIXED + 8 * (deleted.length + disabled.length) + 4 + END.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(1).putInt(0).putLong(entries).putLong(segmentNumber);
        for (long w : deleted) buf.putLong(w);
        for (long w : disabled) buf.putLong(w);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue()).put(END);
        Path tmp = SegmentFile.temporary(file);
        IndexDirectory.writeDurably(tmp, buf.array());
        SegmentFile.publish(tmp, file);
    }

    /** @throws CorruptIndexException when the file is damaged or belongs to another segment */
    static LiveBits read(Path file, long segmentNumber, int entries) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        int words = (entries + 63) >>> 6;
        int expected = FIXED + 16 * words + 4 + END.length;
        if (bytes.length != expected) {
            throw new CorruptIndexException(name + ": " + bytes.length + " bytes, expected " + expected);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, expected - 4 - END.length);
        if (buf.getInt(expected - 4 - END.length) != (int) crc.getValue()) {
            throw new CorruptIndexException(name + ": checksum mismatch");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) throw new CorruptIndexException(name + ": not a liveness file");
        }
        if (buf.getLong(16) != entries || buf.getLong(24) != segmentNumber) {
            throw new CorruptIndexException(name + ": belongs to another segment");
        }
        long[] deleted = new long[words];
        long[] disabled = new long[words];
        buf.position(FIXED);
        for (int w = 0; w < words; w++) deleted[w] = buf.getLong();
        for (int w = 0; w < words; w++) disabled[w] = buf.getLong();
        return new LiveBits(deleted, disabled);
    }
}
