package org.tideline.server.match;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tideline.core.index.HashIndex;
import org.tideline.core.index.HashType;
import org.tideline.core.index.IndexEntry;
import org.tideline.core.index.Match;

/**
 * A core {@link HashIndex} for one signal type, spoken to in hex and content ids. Ids are stored as decimal text,
 * the core index's id form.
 */
final class TypedIndex<H> implements AutoCloseable {

    /** An index hit: which entry, how far. */
    record Found(long contentId, String signal, int distance) {}

    /** A stored signal, for bulk building. */
    record Stored(long contentId, String signal) {}

    private final HashType<H> type;
    private final HashIndex<H> index;

    private TypedIndex(HashType<H> type, HashIndex<H> index) {
        this.type = type;
        this.index = index;
    }

    /** Opens the snapshot in {@code directory} (empty if there is none). */
    static <H> TypedIndex<H> open(HashType<H> type, Path directory) throws IOException {
        // Loaded into memory of its own (transparent huge pages where Linux offers them): fewer TLB misses on the
        // random reads of a search than on the file mapping (docs/index.md measured +37% at 10M).
        return new TypedIndex<>(type, HashIndex.builder(type).directory(directory).loadIntoMemory(true).open());
    }

    /** Builds from scratch: into {@code directory} when given (which must not hold an index), else in memory. */
    static <H> TypedIndex<H> build(HashType<H> type, Path directory, Iterator<Stored> entries) throws IOException {
        Iterable<IndexEntry<H>> typed = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public IndexEntry<H> next() {
                Stored s = entries.next();
                return new IndexEntry<>(type.parse(s.signal()), Long.toString(s.contentId()));
            }
        };
        var builder = HashIndex.builder(type);
        if (directory != null) {
            builder.directory(directory);
        }
        return new TypedIndex<>(type, builder.build(typed));
    }

    void add(String signal, long contentId) {
        index.add(type.parse(signal), Long.toString(contentId));
    }

    void remove(String signal, long contentId) {
        index.remove(type.parse(signal), Long.toString(contentId));
    }

    List<Found> search(String signal, int maxDistance) {
        List<Match<H>> matches = index.search(type.parse(signal), maxDistance);
        List<Found> out = new ArrayList<>(matches.size());
        for (Match<H> m : matches) {
            out.add(new Found(Long.parseLong(m.id()), type.format(m.hash()), m.distance()));
        }
        return out;
    }

    long size() {
        return index.size();
    }

    void commit() throws IOException {
        index.commit();
    }

    @Override
    public void close() {
        index.close();
    }
}
