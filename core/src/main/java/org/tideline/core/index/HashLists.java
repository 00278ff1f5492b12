package org.tideline.core.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Hash-list files: one hash a line in its usual hex form, optionally a tab and an id kept with it. Blank lines and
 * lines starting with {@code #} are skipped; anything else that does not parse is an error naming the file and
 * line (the line's content is not echoed: lists can be sensitive).
 */
public final class HashLists {

    private HashLists() {
    }

    /**
     * The entries of {@code files}, in order, read lazily (a list of 100M lines is never held as objects).
     * Iterating throws {@link UncheckedIOException} for read errors and {@link IllegalArgumentException} for a
     * malformed line.
     */
    public static <H> Iterable<IndexEntry<H>> entries(HashType<H> type, List<Path> files) {
        return () -> new Reader<>(type, List.copyOf(files));
    }

    /** Parses one line; null for a blank or comment line. */
    public static <H> IndexEntry<H> parse(HashType<H> type, String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) return null;
        int tab = line.indexOf('\t');
        String hash = tab < 0 ? text : line.substring(0, tab).strip();
        String id = tab < 0 ? "" : line.substring(tab + 1).strip();
        return new IndexEntry<>(type.parse(hash), id);
    }

    private static final class Reader<H> implements Iterator<IndexEntry<H>> {
        private final HashType<H> type;
        private final List<Path> files;
        private int fileIndex = -1;
        private BufferedReader in;
        private long lineNumber;
        private IndexEntry<H> next;

        Reader(HashType<H> type, List<Path> files) {
            this.type = type;
            this.files = files;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    if (in == null) {
                        if (++fileIndex >= files.size()) return false;
                        in = Files.newBufferedReader(files.get(fileIndex), StandardCharsets.UTF_8);
                        lineNumber = 0;
                    }
                    String line = in.readLine();
                    if (line == null) {
                        in.close();
                        in = null;
                        continue;
                    }
                    lineNumber++;
                    try {
                        next = parse(type, line);
                    } catch (IllegalArgumentException e) {
                        close();
                        throw new IllegalArgumentException(files.get(fileIndex) + ":" + lineNumber + ": " + e.getMessage(), e);
                    }
                }
                return true;
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot read " + files.get(fileIndex) + ": " + e.getMessage(), e);
            }
        }

        private void close() {
            try {
                if (in != null) in.close();
            } catch (IOException ignored) {
                // already failing
            }
            in = null;
        }

        @Override
        public IndexEntry<H> next() {
            if (!hasNext()) throw new NoSuchElementException();
            IndexEntry<H> e = next;
            next = null;
            return e;
        }
    }
}
