package org.tideline.core.index;

import java.io.IOException;
import java.util.List;

/**
 * Exact near-duplicate search over stored hashes, updated live.
 *
 * <p>A search returns every stored entry within the given Hamming distance of the query, exactly the set a
 * brute-force scan would return; results are ordered by distance, then id, then hash. Disabled and removed
 * entries are never returned. Updates ({@link #add}, {@link #remove}, {@link #disable}, {@link #enable}) are
 * atomic per entry and visible to every search that starts after they return; searches never wait for writers
 * and never see a half-applied update. An index opened on a directory persists what {@link #commit} wrote.
 *
 * <p>Thread-safe. Create one with {@link #builder(HashType)}.
 *
 * @param <H> {@link org.tideline.core.pdq.PdqHash} or {@link Digest}
 */
public interface HashIndex<H> extends AutoCloseable {

    /** Starts configuring an index of the given type. */
    static <H> IndexBuilder<H> builder(HashType<H> type) {
        return new IndexBuilder<>(type);
    }

    HashType<H> type();

    /**
     * Every enabled entry within {@code maxDistance} of {@code query}.
     *
     * @param maxDistance inclusive bound, {@code 0..type().bits()}
     */
    List<Match<H>> search(H query, int maxDistance);

    /** {@link #search(Object, int)} at the type's {@linkplain HashType#defaultThreshold() default threshold}. */
    default List<Match<H>> search(H query) {
        return search(query, type().defaultThreshold());
    }

    /**
     * {@link #search(Object, int)} for many queries at once, sharing passes over memory between them. The result
     * has one list per query, in query order.
     */
    List<List<Match<H>>> searchAll(List<H> queries, int maxDistance);

    /** The {@code k} enabled entries nearest to {@code query} (fewer if the index holds fewer), nearest first. */
    List<Match<H>> nearest(H query, int k);

    /** Stores the entry; returns false (and changes nothing) if the same hash and id are already stored. */
    boolean add(H hash, String id);

    /** {@link #add(Object, String)} with no id. */
    default boolean add(H hash) {
        return add(hash, "");
    }

    /** Deletes the entry; returns false if it was not stored. */
    boolean remove(H hash, String id);

    /** Keeps the entry but stops it matching; returns false if it was not stored or already disabled. */
    boolean disable(H hash, String id);

    /** Lets a disabled entry match again; returns false if it was not stored or not disabled. */
    boolean enable(H hash, String id);

    /** Entries stored (enabled or disabled). */
    long size();

    IndexStats stats();

    /**
     * Makes every update so far durable: once this returns, a crash loses none of it. Writes new segment files and
     * then, atomically, a new manifest naming them.
     *
     * @throws IllegalStateException for an in-memory or read-only index
     */
    void commit() throws IOException;

    /** Releases the index. Updates since the last {@link #commit()} are discarded. */
    @Override
    void close();
}
