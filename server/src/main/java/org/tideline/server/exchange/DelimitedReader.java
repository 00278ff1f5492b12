package org.tideline.server.exchange;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.tideline.server.ApiException;
import org.tideline.server.bank.SignalType;

/**
 * A CSV or TSV hash list: {@link DelimitedRows} splits, {@link Columns} says what the cells mean. The first non-blank
 * row is the header if it names a signal, signal type or hash column; otherwise the list is header-less and the
 * caller must have named its signal type.
 */
final class DelimitedReader implements RecordReader {

    private final LineReader lines;
    private final DelimitedRows rows;
    private final ImportOptions options;
    private final Columns columns;
    private Optional<DelimitedRows.Row> firstData = Optional.empty();

    DelimitedReader(LineReader lines, char delimiter, ImportOptions options) throws IOException {
        this.lines = lines;
        this.rows = new DelimitedRows(lines, delimiter);
        this.options = options;
        this.columns = readHeader();
    }

    private Columns readHeader() throws IOException {
        Optional<DelimitedRows.Row> first = rows.next();
        if (first.isEmpty()) {
            // An empty file: there are no rows for the columns to describe.
            return Columns.headerless(options.signalType().orElse(SignalType.PDQ));
        }
        DelimitedRows.Row row = first.get();
        Optional<Columns> header = row.problem().isPresent() ? Optional.empty()
                : Columns.fromHeader(row.line(), row.cells(), options.signalType());
        if (header.isPresent()) {
            return header.get();
        }
        SignalType type = options.signalType().orElseThrow(() -> ApiException.invalid("line " + row.line()
                + " is not a header naming the columns (" + SignalType.labels() + ", signal_type, hash, ...), and"
                + " no signal type was given for a list without a header"));
        firstData = first;
        return Columns.headerless(type);
    }

    @Override
    public Optional<ListRecord> next() throws IOException {
        Optional<DelimitedRows.Row> read = firstData.isPresent() ? firstData : rows.next();
        firstData = Optional.empty();
        if (read.isEmpty()) {
            return Optional.empty();
        }
        DelimitedRows.Row row = read.get();
        if (row.problem().isPresent()) {
            return Optional.of(new ListRecord.Bad(row.line(), row.problem().get()));
        }
        return Optional.of(columns.toRecord(row.line(), row.cells(), options));
    }

    @Override
    public List<String> warnings() {
        return columns.warnings();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
