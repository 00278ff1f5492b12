package org.tideline.core.index;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The list of files that make up one committed state of an index. A commit writes its segment and liveness files
 * first and the manifest last, under a new generation number; the highest generation names the committed state.
 *
 * <pre>
 * tideline-index 1
 * type pdq
 * generation 12
 * next-segment 45
 * segment 44 12345 seg-000000000044.12.tdll      (number, entries, liveness file or "-")
 * crc32c 1a2b3c4d                                (of every line above, with their newlines)
 * </pre>
 */
record Manifest(String type, long generation, long nextSegment, List<Ref> segments) {

    static final String PREFIX = "manifest-";
    private static final String HEADER = "tideline-index 1";

    /** One segment of the committed state. */
    record Ref(long number, int count, String livenessFile) {
    }

    Manifest {
        segments = List.copyOf(segments);
    }

    static String fileName(long generation) {
        return String.format(Locale.ROOT, "%s%012d", PREFIX, generation);
    }

    byte[] encode() {
        StringBuilder sb = new StringBuilder();
        sb.append(HEADER).append('\n');
        sb.append("type ").append(type).append('\n');
        sb.append("generation ").append(generation).append('\n');
        sb.append("next-segment ").append(nextSegment).append('\n');
        for (Ref ref : segments) {
            sb.append("segment ").append(ref.number()).append(' ').append(ref.count()).append(' ')
                    .append(ref.livenessFile().isEmpty() ? "-" : ref.livenessFile()).append('\n');
        }
        String body = sb.toString();
        return (body + "crc32c " + crcHex(body) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String crcHex(String body) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /** @throws CorruptIndexException when the text is not a whole, checksummed manifest */
    static Manifest decode(String name, byte[] bytes) throws CorruptIndexException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int crcAt = text.lastIndexOf("crc32c ");
        if (crcAt < 0 || !text.endsWith("\n") || !text.substring(crcAt + 7, text.length() - 1).equals(crcHex(text.substring(0, crcAt)))) {
            throw new CorruptIndexException(name + ": checksum mismatch or truncated");
        }
        String[] lines = text.substring(0, crcAt).split("\n");
        try {
            if (!lines[0].equals(HEADER)) throw new CorruptIndexException(name + ": not a tideline index manifest");
            String type = value(lines[1], "type");
            long generation = Long.parseLong(value(lines[2], "generation"));
            long next = Long.parseLong(value(lines[3], "next-segment"));
            List<Ref> refs = new ArrayList<>();
            for (int i = 4; i < lines.length; i++) {
                String[] f = value(lines[i], "segment").split(" ");
                refs.add(new Ref(Long.parseLong(f[0]), Integer.parseInt(f[1]), f[2].equals("-") ? "" : f[2]));
            }
            return new Manifest(type, generation, next, refs);
        } catch (RuntimeException e) {
            throw new CorruptIndexException(name + ": malformed: " + e.getMessage(), e);
        }
    }

    private static String value(String line, String key) throws CorruptIndexException {
        if (!line.startsWith(key + " ")) throw new CorruptIndexException("expected '" + key + "' in manifest");
        return line.substring(key.length() + 1);
    }
}
