package org.tideline.server.exchange;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Splits lines into rows of cells. Tab-separated text has no quoting (IANA's text/tab-separated-values). Comma-
 * separated text follows RFC 4180: a field in double quotes may hold commas, doubled quotes and line breaks; spaces
 * around a quoted field are allowed. Blank lines are skipped.
 *
 * <p>Broken quoting is a bad row, not the end of the file: a quote inside an unquoted field, or text after a closing
 * quote, spoils only its row. A quote that never closes would swallow the rest of the file, so a quoted field may
 * run over at most {@link #MAX_CONTINUATION_LINES} lines and {@link #MAX_ROW_CHARS} characters; past that (or at
 * the end of the file) the row is reported as never closed and the lines it had taken are read again as rows of
 * their own. Holding those lines is the only look-ahead, and it is bounded.
 */
final class DelimitedRows {

    static final int MAX_CONTINUATION_LINES = 100;
    static final int MAX_ROW_CHARS = 1 << 16;
    private static final char QUOTE = '"';

    /** A row's cells, or why the row could not be split. */
    record Row(long line, List<String> cells, Optional<String> problem) {
        static Row broken(long line, String problem) {
            return new Row(line, List.of(), Optional.of("broken quoting: " + problem));
        }
    }

    private final LineReader lines;
    private final char delimiter;
    private final boolean quoting;
    private final Deque<LineReader.Line> reread = new ArrayDeque<>();

    DelimitedRows(LineReader lines, char delimiter) {
        this.lines = lines;
        this.delimiter = delimiter;
        this.quoting = delimiter == ',';
    }

    Optional<Row> next() throws IOException {
        while (true) {
            Optional<LineReader.Line> read = line();
            if (read.isEmpty()) {
                return Optional.empty();
            }
            LineReader.Line line = read.get();
            if (line.truncated()) {
                return Optional.of(new Row(line.number(), List.of(),
                        Optional.of("line longer than " + LineReader.MAX_LINE + " characters")));
            }
            if (line.text().isBlank()) {
                continue;
            }
            return Optional.of(quoting ? quoted(line) : new Row(line.number(), split(line.text()), Optional.empty()));
        }
    }

    private Optional<LineReader.Line> line() throws IOException {
        return reread.isEmpty() ? lines.next() : Optional.of(reread.pollFirst());
    }

    private List<String> split(String text) {
        List<String> cells = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == delimiter) {
                cells.add(text.substring(start, i));
                start = i + 1;
            }
        }
        cells.add(text.substring(start));
        return cells;
    }

    private Row quoted(LineReader.Line first) throws IOException {
        List<String> cells = new ArrayList<>();
        List<LineReader.Line> continuation = new ArrayList<>();
        String text = first.text();
        int i = 0;
        while (true) {
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == QUOTE) {
                StringBuilder cell = new StringBuilder();
                i++;
                while (true) {
                    if (i == text.length()) {
                        Optional<LineReader.Line> more = continuation.size() < MAX_CONTINUATION_LINES
                                && cell.length() < MAX_ROW_CHARS ? lines.next() : Optional.empty();
                        if (more.isEmpty() || more.get().truncated()) {
                            more.ifPresent(continuation::add);
                            continuation.reversed().forEach(reread::addFirst);
                            return Row.broken(first.number(), "a quoted field opened on this line never closes");
                        }
                        continuation.add(more.get());
                        cell.append('\n');
                        text = more.get().text();
                        i = 0;
                        continue;
                    }
                    char ch = text.charAt(i++);
                    if (ch != QUOTE) {
                        cell.append(ch);
                    } else if (i < text.length() && text.charAt(i) == QUOTE) {
                        cell.append(QUOTE);
                        i++;
                    } else {
                        break;
                    }
                }
                cells.add(cell.toString());
                while (i < text.length() && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < text.length() && text.charAt(i) != delimiter) {
                    return Row.broken(first.number(), "text after a closing quote");
                }
            } else {
                int start = i;
                while (i < text.length() && text.charAt(i) != delimiter) {
                    if (text.charAt(i) == QUOTE) {
                        return Row.broken(first.number(),
                                "a quote inside an unquoted field (quote the whole field and double the quote)");
                    }
                    i++;
                }
                cells.add(text.substring(start, i));
            }
            if (i >= text.length()) {
                return new Row(first.number(), cells, Optional.empty());
            }
            i++;
        }
    }
}
