package org.tideline.server.exchange;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads a hash list one record at a time, holding no more than the record in hand. The same file always reads as
 * the same sequence of records, which is what lets an import resume by counting them. A file too broken to go on
 * (invalid XML, a JSON document that stops parsing) throws {@link org.tideline.server.ApiException} INVALID naming
 * the line.
 */
interface RecordReader extends Closeable {

    /** The next record, or empty at the end of the file. */
    Optional<ListRecord> next() throws IOException;

    /** Notes about the file as a whole, known once its header has been read. */
    default List<String> warnings() {
        return List.of();
    }
}
