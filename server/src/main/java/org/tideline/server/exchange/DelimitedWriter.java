package org.tideline.server.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.tideline.server.bank.BankContent;
import org.tideline.server.bank.SignalType;

/**
 * A bank as CSV (RFC 4180 quoting where a field needs it) or TSV (tabs and line breaks inside a field become
 * spaces, since TSV cannot quote), with the header {@link #COLUMNS}: what {@link Columns} reads back, so an
 * export imports into another bank unchanged (signals, provenance, note and classification attributes; not the
 * entry's switches or its id in this bank). Lines end with LF.
 */
final class DelimitedWriter implements ListWriter {

    static final List<String> COLUMNS = List.of("pdq", "md5", "sha1", "sha256", "source_exchange",
            "source_record_id", "note", "attributes");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private final char delimiter;

    DelimitedWriter(Writer out, char delimiter) {
        this.out = out;
        this.delimiter = delimiter;
    }

    @Override
    public void begin() throws IOException {
        row(COLUMNS);
    }

    @Override
    public void write(BankContent entry) throws IOException {
        List<String> cells = new ArrayList<>();
        for (SignalType type : List.of(SignalType.PDQ, SignalType.MD5, SignalType.SHA1, SignalType.SHA256)) {
            cells.add(entry.signals().getOrDefault(type, ""));
        }
        cells.add(entry.provenance().sourceExchange().orElse(""));
        cells.add(entry.provenance().sourceRecordId().orElse(""));
        cells.add(entry.metadata().orElse(""));
        cells.add(entry.attributes().isEmpty() ? "" : json(entry));
        row(cells);
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            out.write(delimiter == ',' ? csv(cells.get(i)) : tsv(cells.get(i)));
        }
        out.write('\n');
    }

    private static String csv(String cell) {
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0 || (!cell.isEmpty() && cell.strip().length() != cell.length());
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private static String tsv(String cell) {
        return cell.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static String json(BankContent entry) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(entry.attributes()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
