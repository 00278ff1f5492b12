package org.tideline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tideline.server.TestImages;
import org.tideline.server.TestServer;
import org.tideline.server.access.Role;
import org.tideline.server.bank.ChangeLog;
import org.tideline.server.store.DatabaseConfig;
import org.tideline.server.store.Sql;

/** Every kind of bad input is a 4xx with a clear JSON message, and writes nothing. */
class BadInputTest {

    @TempDir
    static Path data;

    static TestServer server;
    static String curator;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, DatabaseConfig.embedded(data));
        curator = server.newOrgKey("Hotline", Role.CURATOR);
        assertThat(server.json(curator, "POST", "/v1/banks", "{\"name\":\"TARGET\"}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long[] state() {
        return server.services().db().transaction(c -> new long[] {ChangeLog.head(c),
                Sql.count(c, "SELECT COUNT(*) FROM bank_content"), Sql.count(c, "SELECT COUNT(*) FROM bank_signal")});
    }

    private static void refused(TestServer.Reply reply, int status, String messagePart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("message").asText()).containsIgnoringCase(messagePart);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"pdq\":\"abc\"}",
            "{\"pdq\":\"0000000000000000000000000000000000000000000000000000000000000000\"}",
            "{\"pdq\":\"zzf8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22\"}",
            "{\"pdq\":\"f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b2200\"}",
            "{\"md5\":\"d41d8cd98f00b204e9800998ecf8427\"}",
            "{\"tmk\":\"abcd\"}",
            "{}",
            "[1,2]",
            "not json"})
    void malformed_signals_are_refused_and_nothing_is_written(String body) {
        long[] before = state();
        TestServer.Reply r = server.json(curator, "POST", "/c/bank/TARGET/signal", body);
        assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).isNotBlank();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void malformed_lookups_are_refused() {
        refused(server.get(curator, "/m/lookup?signal_type=pdq&signal=" + "0".repeat(64)), 400, "all zeros");
        refused(server.get(curator, "/m/lookup?signal_type=pdq&signal=12"), 400, "64 hex digits");
        refused(server.get(curator, "/m/lookup?signal_type=nope&signal=12"), 400, "unknown signal type");
        refused(server.get(curator, "/m/lookup?signal_type=pdq"), 400, "signal");
        refused(server.get(curator, "/m/lookup?signal_type=pdq&quality=10&signal=f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"),
                400, "quality");
        refused(server.json(curator, "POST", "/v1/lookup", "{\"signal_type\":\"pdq\",\"signals\":[\"xyz\"]}"), 400, "64 hex");
    }

    @Test
    void unknown_fields_are_refused_and_nothing_is_written() {
        long[] before = state();
        refused(server.json(curator, "POST", "/v1/banks", "{\"name\":\"NEWBANK\",\"colour\":\"blue\"}"), 400, "unknown field 'colour'");
        refused(server.json(curator, "POST", "/v1/banks/TARGET/entries",
                "{\"signals\":{\"pdq\":\"f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22\"},\"extra\":1}"),
                400, "unknown field 'extra'");
        refused(server.json(curator, "PUT", "/c/bank/TARGET", "{\"enabled_ratio\":0.5,\"shiny\":true}"), 400, "unknown field");
        assertThat(server.get(curator, "/v1/banks/NEWBANK").status()).isEqualTo(404);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void oversized_bodies_are_refused() {
        String big = "{\"signal_type\":\"pdq\",\"signals\":[\"" + "a".repeat(Json.MAX_BODY) + "\"]}";
        refused(oversized(() -> server.json(curator, "POST", "/v1/lookup", big)), 413, "over");
        StringBuilder many = new StringBuilder("{\"signal_type\":\"md5\",\"signals\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(String.format("%032x", i + 1)).append('"');
        }
        refused(server.json(curator, "POST", "/v1/lookup", many.append("]}").toString()), 400, "at most 1000");
        byte[] huge = new byte[5 * 1024 * 1024];
        TestServer.Reply upload = server.upload(curator, "/h/hash", "photo", huge);
        assertThat(upload.status()).as(upload.body()).isIn(400, 413);
    }

    /**
     * Jetty may answer 413 and close before the client has finished sending, and the JDK client then sometimes
     * reports the closed connection instead of the answer. The refusal is the server's; only reading it is racy, so
     * the request is tried a few times until the answer is read.
     */
    private static TestServer.Reply oversized(java.util.function.Supplier<TestServer.Reply> call) {
        AssertionError last = null;
        for (int i = 0; i < 5; i++) {
            try {
                return call.get();
            } catch (AssertionError e) {
                if (!(e.getCause() instanceof java.io.IOException)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    @Test
    void hostile_uploads_are_refused_and_nothing_is_written() {
        long[] before = state();
        byte[] png = TestImages.png(3);
        refused(server.upload(curator, "/c/bank/TARGET/content", "photo", bomb(png)), 413, "too-large");
        refused(server.upload(curator, "/c/bank/TARGET/content", "photo", Arrays.copyOf(png, png.length / 2)), 400, "corrupt");
        refused(server.upload(curator, "/c/bank/TARGET/content", "photo", "<html>not an image</html>".getBytes()), 415,
                "unsupported-format");
        refused(server.upload(curator, "/c/bank/TARGET/content", "photo", new byte[0]), 400, "");
        refused(server.upload(curator, "/m/lookup", "photo", bomb(png)), 413, "too-large");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_flat_image_is_refused_as_a_query_unless_forced() {
        refused(server.upload(curator, "/m/lookup", "photo", TestImages.flat()), 400, "quality");
        assertThat(server.upload(curator, "/m/lookup?force=true", "photo", TestImages.flat()).status()).isEqualTo(200);
    }

    @Test
    void calls_without_a_valid_key_are_refused() {
        refused(server.get(null, "/c/banks"), 401, "API key is required");
        refused(server.get("tl_" + "A".repeat(43), "/c/banks"), 401, "not valid");
        refused(server.get("garbage", "/m/lookup?signal_type=pdq&signal=ab"), 401, "not valid");
        TestServer.Reply basic = server.send(null, HttpRequest.newBuilder(URI.create(server.base() + "/c/banks"))
                .header("Authorization", "Basic dXNlcjpwYXNz").GET());
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void a_revoked_key_stops_working() throws Exception {
        String admin = server.newOrgKey("Revoker", Role.ADMIN);
        TestServer.Reply created = server.json(admin, "POST", "/v1/keys", "{\"role\":\"matcher\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        assertThat(server.get(key, "/m/index/status").status()).isEqualTo(200);
        assertThat(server.delete(admin, "/v1/keys/" + created.json().get("id").asLong()).status()).isEqualTo(204);
        Thread.sleep(2_100); // the key cache's lifetime
        assertThat(server.get(key, "/m/index/status").status()).isEqualTo(401);
    }

    /** A valid PNG whose header claims 100000 x 100000 pixels: a decompression bomb, refused from the header. */
    static byte[] bomb(byte[] png) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(16, 100_000);
        b.putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return out;
    }
}
