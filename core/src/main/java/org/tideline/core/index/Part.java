package org.tideline.core.index;

/**
 * One searchable piece of an index snapshot: an immutable segment, or a view of the recent-additions buffer up
 * to a fixed count. Ordinals are local to the part.
 */
sealed interface Part permits SegmentPart, TailPart {

    /** Entries visible in this part (deleted ones included). */
    int count();

    LiveBits live();

    /** Adds to the empty {@code hits} every entry within {@code threshold}, deleted or not. */
    void search(long[] query, int threshold, Kernels kernels, Probes probes, Hits hits);

    /** {@link #search} for many queries; flat parts share each pass over their memory between the queries. */
    void searchMany(long[][] queries, int threshold, Kernels kernels, Probes probes, Hits[] hits);

    void words(int ordinal, long[] out, int offset);

    String id(int ordinal);

    boolean idEquals(int ordinal, String id);

    long searchBytes();

    long idBytes();
}
