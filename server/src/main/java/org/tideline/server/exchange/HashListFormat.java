package org.tideline.server.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tideline.server.ApiException;

/**
 * The hash-list formats Tideline reads, and writes where that makes sense. See docs/import-export.md for each one's
 * columns or fields, and for what was assumed about the exchanges' formats and from which public sources.
 */
public enum HashListFormat {
    /** Comma-separated, RFC 4180 quoting, a header row naming columns (or one hash per line with a given type). */
    CSV("csv", "text/csv", true),
    /** Tab-separated (IANA text/tab-separated-values: no quoting), same columns as CSV. */
    TSV("tsv", "text/tab-separated-values", true),
    /** ThreatExchange descriptors or /threat_updates records: JSON Lines, a JSON array, or a Graph API page. */
    THREATEXCHANGE("threatexchange", "application/x-ndjson", true),
    /** NCMEC hash sharing v2: the XML of an entries query ({@code queryResult}). Read only. */
    NCMEC("ncmec", "application/xml", false),
    /** StopNCII hash records: a FetchHashes page, a JSON array or JSON Lines. Read only. */
    STOPNCII("stopncii", "application/json", false);

    private final String label;
    private final String mediaType;
    private final boolean writable;

    HashListFormat(String label, String mediaType, boolean writable) {
        this.label = label;
        this.mediaType = mediaType;
        this.writable = writable;
    }

    public String label() {
        return label;
    }

    /** The media type of an export in this format. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * Whether banks can be exported in this format. NCMEC's and StopNCII's formats are those services' own feeds;
     * writing imitations of them would invent fields (member ids, case states) Tideline does not have.
     */
    public boolean writable() {
        return writable;
    }

    /** A format by label, or a 400 listing the labels. */
    public static HashListFormat parse(String label) {
        String normal = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.label.equals(normal)).findFirst()
                .orElseThrow(() -> ApiException.invalid("unknown format '" + label + "'; expected one of " + labels()));
    }

    public static String labels() {
        return Arrays.stream(values()).map(HashListFormat::label).collect(Collectors.joining(", "));
    }

    /** A reader over {@code in}, which it closes. Reads the header, if the format has one. */
    RecordReader reader(InputStream in, ImportOptions options) throws IOException {
        return switch (this) {
            case CSV -> new DelimitedReader(new LineReader(in), ',', options);
            case TSV -> new DelimitedReader(new LineReader(in), '\t', options);
            case THREATEXCHANGE -> JsonRecords.open(in, "data",
                    (line, node) -> ThreatExchangeRecords.toRecord(line, node, options));
            case STOPNCII -> JsonRecords.open(in, "hashRecords",
                    (line, node) -> StopNciiRecords.toRecord(line, node, options));
            case NCMEC -> new NcmecReader(in, options);
        };
    }

    /** A writer onto {@code out}; refused for the read-only formats. */
    ListWriter writer(Writer out) {
        return switch (this) {
            case CSV -> new DelimitedWriter(out, ',');
            case TSV -> new DelimitedWriter(out, '\t');
            case THREATEXCHANGE -> new ThreatExchangeWriter(out);
            case NCMEC, STOPNCII -> throw ApiException.invalid("banks cannot be exported as " + label
                    + ": that format is the exchange's own feed; export as csv, tsv or threatexchange");
        };
    }
}
