package org.tideline.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.exchange.DelimitedFormatsTest.bad;
import static org.tideline.server.exchange.DelimitedFormatsTest.entry;
import static org.tideline.server.exchange.Lists.hash;
import static org.tideline.server.exchange.Lists.read;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tideline.server.ApiException;
import org.tideline.server.bank.SignalType;

/**
 * The exchanges' formats, each against an example shaped as its public documentation shows it (hash values are
 * made up). References: ThreatExchange Graph API reference (ThreatDescriptor, ThreatIndicator, /threat_updates,
 * IndicatorType); NCMEC hash sharing v2 documentation (entries query result, large fingerprints); StopNCII
 * FetchHashes as python-threatexchange's client and its tests read it.
 */
class ExchangeFormatsTest {

    private static final String PDQ = hash(SignalType.PDQ, 11);
    private static final String MD5 = hash(SignalType.MD5, 11);
    private static final String SHA1 = hash(SignalType.SHA1, 11);

    @Test
    void threatexchange_descriptors_as_json_lines_from_te_tag_query() {
        String jsonl = "{\"id\": \"3058061737574159\", \"raw_indicator\": \"" + PDQ + "\", \"type\": \"HASH_PDQ\","
                + " \"owner\": {\"id\": \"616912251743987\"}, \"status\": \"MALICIOUS\", \"tags\": [\"tag_a\"],"
                + " \"added_on\": \"2020-07-01T18:31:15+0000\"}\n"
                + "{\"id\": \"2\", \"raw_indicator\": \"" + MD5 + "\", \"type\": \"HASH_MD5\", \"status\": \"NON_MALICIOUS\"}\n"
                + "{\"id\": \"3\", \"raw_indicator\": \"http://example.invalid/\", \"type\": \"URI\"}\n"
                + "{\"id\": \"4\", \"raw_indicator\": \"" + MD5 + "\", \"type\": \"HASH_MD5\"\n"
                + "{\"id\": \"5\", \"indicator\": {\"indicator\": \"" + SHA1 + "\", \"type\": \"HASH_SHA1\", \"id\": \"9\"},"
                + " \"type\": \"HASH_SHA1\", \"tags\": {\"data\": [{\"text\": \"tag_b\"}]}}\n";
        List<ListRecord> rows = read(HashListFormat.THREATEXCHANGE, jsonl);
        var first = entry(rows.get(0)).content();
        assertThat(first.signals()).isEqualTo(Map.of(SignalType.PDQ, PDQ));
        assertThat(first.sourceExchange()).contains("threatexchange");
        assertThat(first.sourceRecordId()).contains("3058061737574159");
        assertThat(first.metadata()).contains("threatexchange tags: tag_a");
        assertThat(rows.get(1)).isInstanceOf(ListRecord.Skipped.class);
        assertThat(((ListRecord.Skipped) rows.get(2)).reason()).contains("type URI is not a hash");
        assertThat(bad(rows.get(3))).startsWith("not valid JSON");
        assertThat(rows.get(3).line()).isEqualTo(4);
        assertThat(entry(rows.get(4)).content().signals()).isEqualTo(Map.of(SignalType.SHA1, SHA1));
        assertThat(entry(rows.get(4)).content().metadata()).contains("threatexchange tags: tag_b");
    }

    @Test
    void threatexchange_threat_updates_page_with_a_deletion() {
        String page = """
                {
                  "data": [
                    {"id": "1001", "indicator": "%s", "type": "HASH_PDQ", "last_updated": 1600000000,
                     "should_delete": false, "descriptors": {"data": [{"id": "77", "status": "MALICIOUS"}]}},
                    {"id": "1002", "indicator": "%s", "type": "HASH_VIDEO_MD5", "last_updated": 1600000001,
                     "should_delete": true}
                  ],
                  "paging": {"cursors": {"before": "a", "after": "b"}}
                }
                """.formatted(PDQ, MD5);
        List<ListRecord> rows = read(HashListFormat.THREATEXCHANGE, page);
        assertThat(rows).hasSize(2);
        assertThat(entry(rows.get(0)).content().sourceRecordId()).contains("1001");
        assertThat(rows.get(0).line()).isEqualTo(3);
        assertThat(((ListRecord.Skipped) rows.get(1)).reason()).contains("should_delete");
    }

    @Test
    void threatexchange_stream_that_stops_parsing_names_the_line() {
        String broken = "[\n{\"type\": \"HASH_PDQ\", \"indicator\": \"" + PDQ + "\"},\n{\"type\": \n";
        assertThatThrownBy(() -> read(HashListFormat.THREATEXCHANGE, broken))
                .isInstanceOf(ApiException.class).hasMessageContaining("not valid JSON at line");
    }

    @Test
    void ncmec_entries_query_result_with_tombstones_and_large_fingerprints() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2">
                    <images count="3" maxTimestamp="2017-10-24T15:10:00Z">
                        <image>
                            <member id="42">Example Member</member>
                            <timestamp>2017-10-24T15:00:00Z</timestamp>
                            <id>image1</id>
                            <classification>A1</classification>
                            <fingerprints>
                                <md5>%s</md5>
                                <sha1>%s</sha1>
                                <pdna>aaaaaaaaaaaaaaaaaaaa...</pdna>
                            </fingerprints>
                            <feedback lastUpdateTimestamp="2023-06-01T12:48:14Z">
                                <affirmativeFeedback type="Md5"><members><member id="7">Other</member></members></affirmativeFeedback>
                            </feedback>
                        </image>
                        <image>
                            <member id="42">Example Member</member>
                            <id>image2</id>
                            <fingerprints><pdna>bbbb...</pdna><videntifier rel="self" href="/v2/x" /></fingerprints>
                        </image>
                        <deletedImage>
                            <member id="43">Example Member 2</member>
                            <id>image4</id>
                            <timestamp>2017-10-24T15:10:00Z</timestamp>
                        </deletedImage>
                    </images>
                    <videos count="1" maxTimestamp="2017-10-24T15:20:00Z">
                        <video>
                            <member id="42">Example Member</member>
                            <id>video1</id>
                            <fingerprints><md5>%s</md5><tmk-pdqf rel="self" href="/v2/y"/></fingerprints>
                        </video>
                    </videos>
                    <paging><next>/v2/entries?from=2017-10-20T00%%3A00%%3A00.000Z&amp;start=2001</next></paging>
                </queryResult>
                """.formatted(MD5, SHA1, hash(SignalType.MD5, 12));
        List<ListRecord> rows = read(HashListFormat.NCMEC, xml);
        assertThat(rows).hasSize(4);
        var image = entry(rows.get(0)).content();
        assertThat(image.signals()).isEqualTo(Map.of(SignalType.MD5, MD5, SignalType.SHA1, SHA1));
        assertThat(image.sourceExchange()).contains("ncmec");
        assertThat(image.sourceRecordId()).contains("image1");
        assertThat(image.metadata()).contains("ncmec image classification=A1 member=42");
        assertThat(rows.get(0).line()).isEqualTo(4);
        assertThat(((ListRecord.Skipped) rows.get(1)).reason()).contains("no fingerprint Tideline stores")
                .contains("pdna, videntifier");
        assertThat(((ListRecord.Skipped) rows.get(2)).reason()).contains("tombstone");
        assertThat(entry(rows.get(3)).content().signals()).isEqualTo(Map.of(SignalType.MD5, hash(SignalType.MD5, 12)));
    }

    @Test
    void ncmec_pdq_fingerprint_becomes_a_pdq_signal() {
        String xml = "<queryResult><images><image><member id=\"1\">M</member><id>p1</id>"
                + "<fingerprints><pdq>" + PDQ + "</pdq></fingerprints></image></images></queryResult>";
        assertThat(entry(read(HashListFormat.NCMEC, xml).getFirst()).content().signals())
                .isEqualTo(Map.of(SignalType.PDQ, PDQ));
    }

    @Test
    void ncmec_reader_refuses_external_entities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE q [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<queryResult><images><image><id>&x;</id><fingerprints><md5>" + MD5
                + "</md5></fingerprints></image></images></queryResult>";
        assertThatThrownBy(() -> read(HashListFormat.NCMEC, xxe))
                .isInstanceOf(ApiException.class).hasMessageContaining("not valid XML");
    }

    @Test
    void stopncii_fetch_hashes_page_skips_withdrawn_hashes_and_keeps_no_case_numbers() {
        String page = """
                {"count": 3, "nextSetTimestamp": 1625175071, "nextPageToken": "W3si", "hasMoreRecords": false,
                 "hashRecords": [
                  {"lastModtimestamp": 1625167804, "hashValue": "%s", "hashStatus": "Received",
                   "caseNumbers": {"27664732-76e1-4a17-8099-455798e67022": "Received",
                                   "a2696edf-1237-4eb8-a9c1-cd8ee6c055e5": "Received"},
                   "signalType": "ImagePDQ"},
                  {"lastModtimestamp": 1625167844, "hashValue": "%s", "hashStatus": "Withdrawn",
                   "caseNumbers": {"bd2bff7c-8160-4615-8dce-38c2f066d1ac": "Withdrawn"}, "signalType": "ImagePDQ"},
                  {"lastModtimestamp": 1625175071, "hashValue": "%s", "hashStatus": "Active",
                   "caseNumbers": {}, "signalType": "VideoMD5",
                   "CSPFeedbacks": [{"source": "Example", "feedbackValue": "Blocked", "tags": ["t"]}]},
                  {"lastModtimestamp": 1625175072, "hashValue": "abc", "hashStatus": "Active", "signalType": "VideoTMK"}
                 ]}
                """.formatted(PDQ, hash(SignalType.PDQ, 13), MD5);
        List<ListRecord> rows = read(HashListFormat.STOPNCII, page);
        assertThat(rows).hasSize(4);
        var first = entry(rows.get(0)).content();
        assertThat(first.signals()).isEqualTo(Map.of(SignalType.PDQ, PDQ));
        assertThat(first.sourceExchange()).contains("stopncii");
        assertThat(first.sourceRecordId()).contains("ImagePDQ:" + PDQ);
        assertThat(first.metadata()).contains("stopncii status=Received cases=2");
        assertThat(first.metadata().orElseThrow()).doesNotContain("27664732");
        assertThat(((ListRecord.Skipped) rows.get(1)).reason()).contains("withdrawn");
        assertThat(entry(rows.get(2)).content().signals()).isEqualTo(Map.of(SignalType.MD5, MD5));
        assertThat(((ListRecord.Skipped) rows.get(3)).reason()).contains("VideoTMK");
    }
}
