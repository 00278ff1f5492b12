package org.tideline.server.exchange;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Lines of UTF-8 text with their numbers, each at most {@link #MAX_LINE} characters: a longer line is cut there and
 * marked, and the rest of it skipped, so that one endless line cannot fill the heap (which
 * {@link java.io.BufferedReader#readLine} would let it do). Ends lines at LF or CRLF; a byte-order mark at the start
 * is dropped; bytes that are not UTF-8 read as U+FFFD.
 */
final class LineReader implements Closeable {

    static final int MAX_LINE = 1 << 20;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** One line, without its line ending. */
    record Line(long number, String text, boolean truncated) {}

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long number;
    private boolean ended;

    LineReader(InputStream in) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** The number of the last line returned. */
    long lineNumber() {
        return number;
    }

    Optional<Line> next() throws IOException {
        StringBuilder long_ = null;
        boolean any = false;
        boolean truncated = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return Optional.empty();
                }
                break;
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean endOfLine = position < limit;
            if (long_ == null && endOfLine) {
                String text = new String(buffer, start, position - start);
                position++;
                return Optional.of(line(text, false));
            }
            if (long_ == null) {
                long_ = new StringBuilder();
            }
            int room = MAX_LINE - long_.length();
            if (position - start > room) {
                truncated = true;
            }
            long_.append(buffer, start, Math.min(position - start, Math.max(room, 0)));
            if (endOfLine) {
                position++;
                break;
            }
        }
        return Optional.of(line(long_.toString(), truncated));
    }

    private Line line(String text, boolean truncated) {
        number++;
        String t = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (number == 1 && !t.isEmpty() && t.charAt(0) == BYTE_ORDER_MARK) {
            t = t.substring(1);
        }
        return new Line(number, t, truncated);
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            ended = n < 0;
            position = limit = 0;
            return !ended && fill();
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
