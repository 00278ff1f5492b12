package org.tideline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.tideline.server.access.Caller;
import org.tideline.server.access.NewApiKey;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.hotline.HotlineSettings;
import org.tideline.server.http.HttpApi;
import org.tideline.server.match.FloodGuard;
import org.tideline.server.store.DatabaseConfig;

/** A running server on a free port, and a small HTTP client for it. */
public final class TestServer implements AutoCloseable {

    /** An HTTP answer: status and body. */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TidelineServer server;
    private final String base;

    private TestServer(TidelineServer server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    public static TestServer start(Path data, DatabaseConfig db) {
        return start(data, db, FloodGuard.Settings.off());
    }

    public static TestServer start(Path data, DatabaseConfig db, FloodGuard.Settings flood) {
        return start(data, db, flood, HotlineSettings.defaults(), Clock.systemUTC());
    }

    public static TestServer start(Path data, DatabaseConfig db, HotlineSettings hotline) {
        return start(data, db, FloodGuard.Settings.off(), hotline, Clock.systemUTC());
    }

    /** With a clock the test moves (takedown re-checks and re-notices are hours apart). */
    public static TestServer start(Path data, DatabaseConfig db, HotlineSettings hotline, Clock clock) {
        return start(data, db, FloodGuard.Settings.off(), hotline, clock);
    }

    private static TestServer start(Path data, DatabaseConfig db, FloodGuard.Settings flood,
            HotlineSettings hotline, Clock clock) {
        TidelineServer.Config config = new TidelineServer.Config(data, db, new HttpApi.Settings("127.0.0.1", 0,
                4L * 1024 * 1024), Duration.ofMillis(50), flood, clock, hotline);
        TestServer s = new TestServer(TidelineServer.start(config));
        s.awaitIndex();
        return s;
    }

    public Services services() {
        return server.services();
    }

    public TidelineServer server() {
        return server;
    }

    /** A new organisation with one key per role asked for; returns the key of the first role. */
    public String newOrgKey(String org, Role role) {
        if (services().access().organisation(org).isEmpty()) {
            services().access().createOrganisation(org, OrgType.COMPANY);
        }
        return services().access().createApiKey(org, role, "test").secret();
    }

    public Caller caller(String org, Role role) {
        NewApiKey key = services().access().createApiKey(org, role, "test");
        return services().access().authenticate(key.secret()).orElseThrow();
    }

    public void awaitIndex() {
        try {
            if (!services().matcher().awaitChange(-1, Duration.ofSeconds(30))) {
                throw new AssertionError("index did not catch up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Reply get(String key, String path) {
        return send(key, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Reply delete(String key, String path) {
        return send(key, HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Reply json(String key, String method, String path, String body) {
        return send(key, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply upload(String key, String path, String field, byte[] file) {
        String boundary = "----tideline" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"upload.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return send(key, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply send(String key, HttpRequest.Builder request) {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String base() {
        return base;
    }

    @Override
    public void close() {
        server.close();
    }
}
