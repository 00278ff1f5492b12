package org.tideline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.core.media.MediaHasher;
import org.tideline.server.TestImages;
import org.tideline.server.TestServer;
import org.tideline.server.access.Role;
import org.tideline.server.store.DatabaseConfig;

/**
 * HMA 1.1's API as its documentation and tests use it (shapes from hasher-matcher-actioner's blueprints and
 * website/content/hma/api.md), with an API key added.
 */
class HmaApiTest {

    @TempDir
    static Path data;

    static TestServer server;
    static String curator;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, DatabaseConfig.embedded(data));
        curator = server.newOrgKey("Platform", Role.CURATOR);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bank_signal_lookup_and_delete_follow_hmas_shapes() throws Exception {
        var created = server.json(curator, "POST", "/c/banks", "{\"name\":\"HMA_FLOW\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("HMA_FLOW");
        assertThat(created.json().get("matching_enabled_ratio").asDouble()).isEqualTo(1.0);

        String pdq = new MediaHasher().hash(TestImages.png(1)).pdq().hash().toHex();
        var added = server.json(curator, "POST", "/c/bank/HMA_FLOW/signal", "{\"pdq\":\"" + pdq + "\"}");
        assertThat(added.status()).isEqualTo(200);
        long id = added.json().get("id").asLong();
        assertThat(added.json().get("signals").get("pdq").asText()).isEqualTo(pdq);

        server.awaitIndex();
        JsonNode lookup = server.get(curator, "/m/lookup?signal_type=pdq&signal=" + pdq).json();
        assertThat(lookup.get("HMA_FLOW").get(0).get("bank_content_id").asLong()).isEqualTo(id);
        assertThat(lookup.get("HMA_FLOW").get(0).get("distance").asText()).isEqualTo("0");

        JsonNode raw = server.get(curator, "/m/raw_lookup?signal_type=pdq&signal=" + pdq).json();
        assertThat(raw.get("matches").get(0).asLong()).isEqualTo(id);

        var file = server.upload(curator, "/m/lookup", "photo", TestImages.png(1));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.json().get("pdq").get("HMA_FLOW").get(0).get("bank_content_id").asLong()).isEqualTo(id);

        var hashed = server.upload(curator, "/h/hash", "photo", TestImages.png(1));
        assertThat(hashed.json().get("pdq").asText()).isEqualTo(pdq);

        JsonNode content = server.get(curator, "/c/bank/HMA_FLOW/content/" + id + "?include_signals=true").json();
        assertThat(content.get("disable_until_ts").asLong()).isEqualTo(1);
        assertThat(content.get("bank").get("name").asText()).isEqualTo("HMA_FLOW");
        assertThat(content.get("signals").get("pdq").asText()).isEqualTo(pdq);

        var disabled = server.json(curator, "PUT", "/c/bank/HMA_FLOW/content/" + id, "{\"disable_until_ts\":0}");
        assertThat(disabled.json().get("disable_until_ts").asLong()).isZero();
        server.awaitIndex();
        assertThat(server.get(curator, "/m/lookup?signal_type=pdq&signal=" + pdq).body()).isEqualTo("{}");

        assertThat(server.delete(curator, "/c/bank/HMA_FLOW/content/" + id).json().get("deleted").asInt()).isEqualTo(1);
        assertThat(server.delete(curator, "/c/bank/HMA_FLOW").json().get("message").asText()).isEqualTo("Done");
        assertThat(server.get(curator, "/c/bank/HMA_FLOW").status()).isEqualTo(404);
    }

    @Test
    void compare_answers_match_and_integer_distance() {
        String a = "f".repeat(64);
        String b = "f".repeat(62) + "00";
        JsonNode r = server.json(curator, "POST", "/m/compare", "{\"pdq\":[\"" + a + "\",\"" + b + "\"]}").json();
        assertThat(r.get("pdq").get(0).asBoolean()).isTrue();
        assertThat(r.get("pdq").get(1).get("distance").asInt()).isEqualTo(8);
    }

    @Test
    void index_status_and_status_routes_answer() {
        JsonNode s = server.get(curator, "/m/index/status").json();
        assertThat(s.get("pdq").get("present").asBoolean()).isTrue();
        assertThat(server.get(curator, "/status").body()).isEqualTo("I-AM-ALIVE");
        assertThat(server.get(curator, "/status/live").body()).isEqualTo("I-AM-ALIVE");
        assertThat(server.get(null, "/status").status()).isEqualTo(401);
        assertThat(server.get(null, "/health/live").status()).isEqualTo(200);
        server.awaitIndex(); // ready only once caught up with the other tests' writes
        assertThat(server.get(null, "/health/ready").status()).isEqualTo(200);
    }

    @Test
    void bank_names_follow_hmas_rule() {
        assertThat(server.json(curator, "POST", "/c/banks", "{\"name\":\"lower\"}").status()).isEqualTo(400);
        assertThat(server.json(curator, "POST", "/c/banks", "{\"name\":\"1ABC\"}").status()).isEqualTo(400);
        assertThat(server.json(curator, "POST", "/c/banks", "{\"name\":\"DUP_BANK\"}").status()).isEqualTo(201);
        assertThat(server.json(curator, "POST", "/c/banks", "{\"name\":\"DUP_BANK\"}").status()).isEqualTo(409);
    }
}
