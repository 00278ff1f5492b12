package org.tideline.server.exchange;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.tideline.server.bank.SignalType;

/**
 * A CSV hash list made up line by line as it is read, never whole: header {@code pdq,id}, then {@code rows} lines
 * of {@link #LINE_BYTES} bytes each. Remembers how far it has been read, so a test can see how far ahead of the
 * committed rows an import reads.
 */
final class GeneratedList extends InputStream {

    static final byte[] HEADER = "pdq,id\n".getBytes(StandardCharsets.US_ASCII);
    static final int LINE_BYTES = 64 + 1 + 8 + 1;

    private final int rows;
    private final int offset;
    private byte[] current = HEADER;
    private int position;
    private int row;
    private long produced;

    /** Rows {@code offset + 1 .. offset + rows}. */
    GeneratedList(int rows, int offset) {
        this.rows = rows;
        this.offset = offset;
    }

    GeneratedList(int rows) {
        this(rows, 0);
    }

    static String line(int n) {
        return Lists.hash(SignalType.PDQ, n) + "," + String.format("r%07d", n) + "\n";
    }

    /** Bytes of the file up to the end of physical line {@code line} (line 1 is the header). */
    static long bytesThrough(long line) {
        return HEADER.length + Math.max(0, line - 1) * LINE_BYTES;
    }

    static long size(int rows) {
        return bytesThrough(rows + 1);
    }

    long produced() {
        return produced;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position == current.length) {
            if (row == rows) {
                return -1;
            }
            row++;
            current = line(offset + row).getBytes(StandardCharsets.US_ASCII);
            position = 0;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, buffer, off, n);
        position += n;
        produced += n;
        return n;
    }
}
