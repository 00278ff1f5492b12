package org.tideline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.TestServer;
import org.tideline.server.access.Role;
import org.tideline.server.store.DatabaseConfig;

/** {@code POST /v1/banks/{name}/import} and {@code GET /v1/banks/{name}/export}. */
class BankFileRoutesTest {

    @TempDir
    static Path data;

    static TestServer server;
    static String curator;
    static String analyst;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, DatabaseConfig.embedded(data));
        curator = server.newOrgKey("Hotline", Role.CURATOR);
        analyst = server.newOrgKey("Hotline", Role.ANALYST);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void an_import_body_larger_than_the_upload_limit_is_streamed_in_and_matches_at_once() throws Exception {
        create("STREAMED");
        // 60,000 lines, about 4.4 MB: over the 4 MB the test server allows for uploads.
        String csv = csv(60_000, 0);
        assertThat(csv.length()).isGreaterThan(4 << 20);
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        uri("/v1/banks/STREAMED/import?format=csv"))
                .header("Authorization", "Bearer " + curator)
                .header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv.getBytes(StandardCharsets.US_ASCII))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        JsonNode summary = new TestServer.Reply(reply.statusCode(), reply.body()).json();
        assertThat(summary.get("added").asLong()).isEqualTo(60_000);
        assertThat(summary.get("bad").asLong()).isZero();
        assertThat(summary.get("last_line").asLong()).isEqualTo(60_001);

        server.awaitIndex();
        TestServer.Reply lookup = server.json(curator, "POST", "/v1/lookup",
                "{\"signal_type\":\"pdq\",\"signals\":[\"" + pdq(57_777) + "\"]}");
        assertThat(lookup.body()).contains("STREAMED");
    }

    @Test
    void a_chunked_body_without_a_length_imports_and_the_same_file_again_changes_nothing() {
        create("CHUNKED");
        String csv = csv(1_500, 100_000);
        TestServer.Reply first = server.send(curator, HttpRequest.newBuilder(uri("/v1/banks/CHUNKED/import?format=csv"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.US_ASCII)))));
        assertThat(first.json().get("added").asLong()).isEqualTo(1_500);
        TestServer.Reply sized = post(curator, "/v1/banks/CHUNKED/import?format=csv", csv);
        assertThat(sized.json().get("added").asLong()).isZero();
        assertThat(sized.json().get("existing").asLong()).isEqualTo(1_500);
        TestServer.Reply again = post(curator, "/v1/banks/CHUNKED/import?format=csv", csv);
        assertThat(again.json().get("already_imported").asBoolean()).isTrue();
    }

    @Test
    void bad_rows_come_back_by_line_in_the_summary() {
        create("WITH_BAD");
        TestServer.Reply reply = post(curator, "/v1/banks/WITH_BAD/import?format=tsv&type=md5",
                "0123456789abcdef0123456789abcdef\nnot-a-hash\n\n" + "0".repeat(32) + "\n");
        JsonNode summary = reply.json();
        assertThat(summary.get("added").asLong()).isEqualTo(1);
        assertThat(summary.get("bad_rows").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(summary.get("bad_rows").get(1).get("line").asLong()).isEqualTo(4);
        assertThat(summary.get("bad_rows").get(1).get("reason").asText()).contains("all zeros");
        assertThat(reply.body()).doesNotContain("not-a-hash");
    }

    @Test
    void an_export_streams_the_bank_and_imports_into_another_bank_unchanged() {
        create("ORIGINAL");
        create("COPY");
        post(curator, "/v1/banks/ORIGINAL/import?format=csv&source=partner", csv(2_500, 200_000));
        TestServer.Reply export = server.get(curator, "/v1/banks/ORIGINAL/export?format=csv");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body().lines()).hasSize(2_501);
        assertThat(export.body().lines().findFirst().orElseThrow())
                .isEqualTo("pdq,md5,sha1,sha256,source_exchange,source_record_id,note,attributes");
        JsonNode back = post(curator, "/v1/banks/COPY/import?format=csv", export.body()).json();
        assertThat(back.get("added").asLong()).isEqualTo(2_500);
        assertThat(server.get(curator, "/v1/banks/COPY/export?format=csv").body()).isEqualTo(export.body());
        assertThat(server.get(analyst, "/v1/banks/ORIGINAL/export?format=threatexchange").body().lines()).hasSize(2_500);
    }

    @Test
    void refusals_name_the_problem() {
        create("REFUSING");
        assertThat(post(analyst, "/v1/banks/REFUSING/import?format=csv", "pdq\n").status()).isEqualTo(403);
        assertThat(post(curator, "/v1/banks/REFUSING/import?format=xls", "pdq\n").json().get("message").asText())
                .contains("unknown format 'xls'");
        assertThat(post(curator, "/v1/banks/REFUSING/import?format=csv", pdq(1) + "\n").json().get("message")
                .asText()).contains("no signal type was given");
        assertThat(post(curator, "/v1/banks/NO_SUCH/import?format=csv", "pdq\n").status()).isEqualTo(404);
        assertThat(server.get(curator, "/v1/banks/REFUSING/export?format=ncmec").status()).isEqualTo(400);
    }

    private static void create(String bank) {
        assertThat(server.json(curator, "POST", "/v1/banks", "{\"name\":\"" + bank + "\"}").status()).isEqualTo(201);
    }

    private static TestServer.Reply post(String key, String path, String body) {
        return server.send(key, HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static URI uri(String path) {
        return URI.create(server.base() + path);
    }

    private static String csv(int rows, int offset) {
        StringBuilder b = new StringBuilder("pdq,id\n");
        for (int i = 1; i <= rows; i++) {
            b.append(pdq(offset + i)).append(",r").append(offset + i).append('\n');
        }
        return b.toString();
    }

    /** A made-up PDQ hash (random bits, no image behind it). */
    private static String pdq(int seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        bytes[0] |= 1;
        return HexFormat.of().formatHex(bytes);
    }
}
