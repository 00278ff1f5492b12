package org.tideline.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.exchange.Lists.hash;
import static org.tideline.server.exchange.Lists.read;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tideline.server.ApiException;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;

/** CSV (RFC 4180) and TSV (IANA text/tab-separated-values) hash lists, header forms and broken rows. */
class DelimitedFormatsTest {

    private static final String PDQ = hash(SignalType.PDQ, 1);
    private static final String MD5 = hash(SignalType.MD5, 1);

    @Test
    void wide_header_names_a_column_per_signal_type_and_the_optional_columns() {
        List<ListRecord> rows = read(HashListFormat.CSV, "PDQ,md5,quality,id,note\n"
                + PDQ + "," + MD5 + ",87,r-1,first\n"
                + "," + MD5 + ",,,\n");
        NewContent first = entry(rows.get(0)).content();
        assertThat(first.signals()).isEqualTo(Map.of(SignalType.PDQ, PDQ, SignalType.MD5, MD5));
        assertThat(first.pdqQuality()).contains(87);
        assertThat(first.sourceRecordId()).contains("r-1");
        assertThat(first.sourceExchange()).contains("csv");
        assertThat(first.metadata()).contains("first");
        assertThat(entry(rows.get(1)).content().signals()).isEqualTo(Map.of(SignalType.MD5, MD5));
        assertThat(rows).extracting(ListRecord::line).containsExactly(2L, 3L);
    }

    @Test
    void long_header_has_a_signal_type_and_a_hash_column() {
        List<ListRecord> rows = read(HashListFormat.TSV, "signal_type\tsignal_value\tsource_record_id\n"
                + "pdq\t" + PDQ + "\t7\nvideo_md5\t" + MD5 + "\t8\n");
        assertThat(entry(rows.get(0)).content().signals()).isEqualTo(Map.of(SignalType.PDQ, PDQ));
        assertThat(entry(rows.get(1)).content().signals()).isEqualTo(Map.of(SignalType.MD5, MD5));
    }

    @Test
    void a_hash_column_without_a_type_column_takes_the_given_type() {
        var options = ImportOptions.of(HashListFormat.CSV).withSignalType(SignalType.MD5);
        List<ListRecord> rows = read(HashListFormat.CSV, "hash,id\n" + MD5 + ",x\n", options);
        assertThat(entry(rows.getFirst()).content().signals()).isEqualTo(Map.of(SignalType.MD5, MD5));
        assertThatThrownBy(() -> read(HashListFormat.CSV, "hash,id\n" + MD5 + ",x\n"))
                .isInstanceOf(ApiException.class).hasMessageContaining("no signal_type column");
    }

    @Test
    void headerless_list_is_one_hash_per_line_of_the_given_type() {
        var options = ImportOptions.of(HashListFormat.CSV).withSignalType(SignalType.PDQ);
        List<ListRecord> rows = read(HashListFormat.CSV, "\uFEFF" + PDQ + "\r\n\r\n" + hash(SignalType.PDQ, 2)
                + "\r\n" + PDQ + ",extra\n", options);
        assertThat(rows).hasSize(3);
        assertThat(entry(rows.get(0)).content().signals()).containsEntry(SignalType.PDQ, PDQ);
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(2)).isInstanceOf(ListRecord.Bad.class);
        assertThat(((ListRecord.Bad) rows.get(2)).reason()).contains("one hash per line");
    }

    @Test
    void headerless_list_without_a_type_is_refused_before_any_row() {
        assertThatThrownBy(() -> read(HashListFormat.CSV, PDQ + "\n"))
                .isInstanceOf(ApiException.class).hasMessageContaining("line 1 is not a header");
    }

    @Test
    void rfc4180_quoting_holds_commas_doubled_quotes_and_line_breaks() {
        List<ListRecord> rows = read(HashListFormat.CSV, "pdq,note\n"
                + "\"" + PDQ + "\",\"a, \"\"quoted\"\"\nnote\"\n"
                + " \"" + hash(SignalType.PDQ, 3) + "\" ,plain\n");
        assertThat(entry(rows.get(0)).content().metadata()).contains("a, \"quoted\"\nnote");
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(entry(rows.get(1)).content().signals()).containsEntry(SignalType.PDQ, hash(SignalType.PDQ, 3));
    }

    @Test
    void broken_quoting_spoils_only_its_row() {
        List<ListRecord> rows = read(HashListFormat.CSV, "pdq,note\n"
                + PDQ + ",ab\"c\n"
                + "\"" + PDQ + "\"x,note\n"
                + hash(SignalType.PDQ, 4) + ",fine\n"
                + hash(SignalType.PDQ, 5) + ",\"never closed\n"
                + hash(SignalType.PDQ, 6) + ",after\n");
        assertThat(rows).extracting(ListRecord::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(bad(rows.get(0))).contains("quote inside an unquoted field");
        assertThat(bad(rows.get(1))).contains("text after a closing quote");
        assertThat(rows.get(2)).isInstanceOf(ListRecord.Entry.class);
        assertThat(bad(rows.get(3))).contains("never closes");
        assertThat(entry(rows.get(4)).content().metadata()).contains("after");
    }

    @Test
    void unknown_signal_type_more_fields_than_the_header_and_bad_quality_are_bad_rows() {
        List<ListRecord> rows = read(HashListFormat.CSV, "signal_type,hash,quality\n"
                + "photodna," + PDQ + ",\n"
                + "pdq," + PDQ + ",90,surplus\n"
                + "pdq," + PDQ + ",high\n"
                + ",,\n");
        assertThat(bad(rows.get(0))).contains("unknown signal type 'photodna'");
        assertThat(bad(rows.get(1))).contains("4 fields, but the header names 3");
        assertThat(bad(rows.get(2))).contains("pdq_quality must be a whole number");
        assertThat(bad(rows.get(3))).contains("no signal");
    }

    @Test
    void columns_tideline_does_not_read_are_ignored_with_a_warning() throws Exception {
        String text = "md5,url_seen\n" + MD5 + ",whatever\n";
        try (RecordReader reader = HashListFormat.CSV.reader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ImportOptions.of(HashListFormat.CSV))) {
            assertThat(reader.warnings()).containsExactly("column 'url_seen' is not one Tideline reads; ignored");
            assertThat(reader.next()).get().isInstanceOf(ListRecord.Entry.class);
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void a_row_naming_its_source_exchange_keeps_it() {
        List<ListRecord> rows = read(HashListFormat.CSV, "md5,source_exchange,source_record_id\n"
                + MD5 + ",ncmec,image1\n" + hash(SignalType.MD5, 2) + ",,\n",
                ImportOptions.of(HashListFormat.CSV).withSource("partner"));
        assertThat(entry(rows.get(0)).content().sourceExchange()).contains("ncmec");
        assertThat(entry(rows.get(1)).content().sourceExchange()).contains("partner");
        assertThat(entry(rows.get(1)).content().sourceRecordId()).isEqualTo(Optional.empty());
    }

    @Test
    void attributes_column_is_a_json_object() {
        List<ListRecord> rows = read(HashListFormat.CSV, "md5,attributes\n"
                + MD5 + ",\"{\"\"depiction\"\":\"\"REAL\"\"}\"\n" + MD5 + ",[1]\n");
        assertThat(entry(rows.get(0)).content().attributes()).containsEntry("depiction", "REAL");
        assertThat(bad(rows.get(1))).contains("attributes must be a JSON object");
    }

    static ListRecord.Entry entry(ListRecord r) {
        assertThat(r).isInstanceOf(ListRecord.Entry.class);
        return (ListRecord.Entry) r;
    }

    static String bad(ListRecord r) {
        assertThat(r).isInstanceOf(ListRecord.Bad.class);
        return ((ListRecord.Bad) r).reason();
    }
}
