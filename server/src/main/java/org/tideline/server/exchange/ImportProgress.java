package org.tideline.server.exchange;

import java.util.OptionalLong;

/**
 * How far an import has got, reported after every committed batch. Counts are for the whole file, including what
 * earlier runs of a resumed import committed.
 *
 * @param line the line of the last record read
 * @param records records read (a CSV row, a JSON object, an XML entry)
 * @param added new entries written
 * @param existing rows whose entry was already in the bank (by signal or by source record), which changed nothing
 * @param bad rows refused, reported by line
 * @param skipped rows deliberately passed over: tombstones, withdrawn hashes, signal types Tideline does not store
 * @param bytesRead bytes of the file read so far (compressed bytes for a gzip file)
 * @param totalBytes the file's size, when known
 */
public record ImportProgress(long line, long records, long added, long existing, long bad, long skipped,
        long bytesRead, OptionalLong totalBytes) {}
