package org.tideline.server.hotline.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.hotline.notice.Notices.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tideline.server.hotline.notice.SendResult.Accepted;
import org.tideline.server.hotline.notice.SendResult.Failed;
import org.tideline.server.hotline.notice.SendResult.Failed.Kind;

/** {@link WebhookTransport} against a local {@code com.sun.net.httpserver} server. */
class NoticeWebhookTest {

    private record Request(String method, String contentType, String authorization, String idempotencyKey,
            byte[] body) {}

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 202;
    private HttpServer server;
    private ExecutorService executor;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/notices", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void posts_the_notice_as_json_with_the_bearer_token() throws Exception {
        NoticeMessage message = NoticeTemplates.builtIn().render(notice("en", 2, false));

        SendResult result = transport(Optional.of("t0ken")).send(message);

        assertThat(result).isEqualTo(new Accepted("<notice-42.2.host@hotline.test>", "HTTP 202"));
        Request request = requests.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.authorization()).isEqualTo("Bearer t0ken");
        assertThat(request.idempotencyKey()).isEqualTo("<notice-42.2.host@hotline.test>");
        JsonNode json = new ObjectMapper().readTree(request.body());
        assertThat(fieldNames(json)).containsExactly("type", "id", "messageId", "reference", "attempt", "escalation",
                "recipient", "language", "category", "urls", "firstReported", "evidencePreservationRequested",
                "hotline", "subject", "text");
        assertThat(json.get("type").asText()).isEqualTo("notice");
        assertThat(json.get("reference").asText()).isEqualTo("TL-7K3M-Q9XP");
        assertThat(json.get("attempt").asInt()).isEqualTo(2);
        assertThat(json.get("recipient").get("kind").asText()).isEqualTo("host");
        assertThat(json.get("recipient").get("address").asText()).isEqualTo("abuse@host.test");
        assertThat(json.get("category").asText()).isEqualTo("csam");
        assertThat(json.get("urls")).extracting(JsonNode::asText).containsExactlyElementsOf(Notices.URLS);
        assertThat(json.get("firstReported").asText()).isEqualTo("2025-03-14T09:30:00Z");
        assertThat(json.get("evidencePreservationRequested").asBoolean()).isTrue();
        assertThat(json.get("hotline").get("name").asText()).isEqualTo("Test Hotline");
        assertThat(json.get("subject").asText()).isEqualTo(message.subject());
        assertThat(json.get("text").asText()).isEqualTo(message.text());
    }

    @Test
    void without_a_token_no_authorization_is_sent_and_an_escalation_says_so() throws Exception {
        SendResult result = transport(Optional.empty()).send(NoticeTemplates.builtIn().render(notice("it", 4, true)));

        assertThat(result).isInstanceOf(Accepted.class);
        assertThat(requests.getFirst().authorization()).isNull();
        JsonNode json = new ObjectMapper().readTree(requests.getFirst().body());
        assertThat(json.get("type").asText()).isEqualTo("escalation");
        assertThat(json.get("escalation").asBoolean()).isTrue();
        assertThat(json.get("language").asText()).isEqualTo("it");
    }

    @ParameterizedTest
    @CsvSource({"500, TEMPORARY", "503, TEMPORARY", "429, TEMPORARY", "408, TEMPORARY", "401, CONFIGURATION",
            "403, CONFIGURATION", "301, CONFIGURATION", "400, BOUNCE", "404, BOUNCE", "410, BOUNCE", "422, BOUNCE"})
    void a_status_says_what_to_do_next(int answered, Kind kind) {
        status = answered;

        SendResult result = transport(Optional.of("t0ken")).send(NoticeTemplates.builtIn().render(notice("en", 1,
                false)));

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(kind);
            assertThat(f.detail()).isEqualTo("the webhook answered HTTP " + answered);
        });
    }

    @Test
    void a_webhook_that_is_down_is_temporary() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        WebhookTransport transport = new WebhookTransport(URI.create("http://127.0.0.1:" + closed + "/notices"),
                Optional.empty(), Duration.ofSeconds(2));

        SendResult result = transport.send(NoticeTemplates.builtIn().render(notice("en", 1, false)));

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(f.detail()).startsWith("could not reach the webhook").doesNotContain("127.0.0.1");
        });
    }

    @Test
    void refuses_plain_http_to_anything_but_loopback_and_user_information() {
        assertThatThrownBy(() -> NoticeTransport.webhook(URI.create("http://intake.example/notices"),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> NoticeTransport.webhook(URI.create("https://u:p@intake.example/notices"),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeTransport.webhook(URI.create("https://intake.example/notices"),
                Optional.of("t\r\nX-Evil: 1"))).hasMessageContaining("single line");
        assertThat(NoticeTransport.webhook(URI.create("https://intake.example/notices"), Optional.empty()))
                .isInstanceOf(WebhookTransport.class);
        assertThat(NoticeTransport.webhook(URI.create("http://[::1]:8080/notices"), Optional.empty()))
                .isInstanceOf(WebhookTransport.class);
    }

    private WebhookTransport transport(Optional<String> token) {
        return new WebhookTransport(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notices"),
                token, Duration.ofSeconds(5));
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
