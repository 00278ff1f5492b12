package org.tideline.core.index;

/**
 * What an index holds and what it costs, at one moment.
 *
 * @param entries     entries stored and not removed (enabled or disabled)
 * @param disabled    of those, how many are disabled (kept, but never returned by a search)
 * @param segments    immutable segments (plus the buffer of recent additions, when it is not empty)
 * @param searchBytes bytes of hashes, multi-index tables and liveness flags: what a search touches
 * @param idBytes     bytes of stored ids (UTF-8 and offsets), read only for matches
 * @param mappedBytes of the search bytes, those searched in memory-mapped files (the rest are in memory of the
 *                    index's own); with {@link IndexBuilder#loadIntoMemory} this falls to 0 once loading is done
 * @param simd        the kernels in use: {@code scalar} or {@code vector (...)}
 */
public record IndexStats(long entries, long disabled, int segments, long searchBytes, long idBytes, long mappedBytes,
                         String simd) {

    /** Search bytes per entry (0 when empty). */
    public double searchBytesPerEntry() {
        return entries == 0 ? 0 : (double) searchBytes / entries;
    }
}
