package org.tideline.server.hotline.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tideline.server.hotline.notice.SendResult.Failed;

/**
 * Sends a notice as a JSON POST, as the hotline's {@code Forwarder} hands reports to the police: the facts as
 * fields (for a system that files them) and the rendered subject and text (for one that passes them to people).
 * The notice's Message-ID goes along as {@code Idempotency-Key}, so a receiver can drop a re-send of the same
 * attempt. Redirects are not followed, so the token never goes to a host it was not meant for.
 *
 * <p>Status to result: 2xx accepted; 408, 425, 429 and 5xx, timeouts and connection failures TEMPORARY; 401 and
 * 403 (our token) and 3xx (the endpoint moved) CONFIGURATION; any other 4xx BOUNCE: the receiver will never take
 * this notice, so another route is needed.
 */
final class WebhookTransport implements NoticeTransport {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Optional<String> token;
    private final Duration timeout;
    private final HttpClient http;

    WebhookTransport(URI endpoint, Optional<String> token, Duration timeout) {
        this.endpoint = checked(endpoint);
        this.token = Objects.requireNonNull(token, "token");
        token.ifPresent(t -> SafeText.nonBlankLine("webhook token", t));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** https, or http to a loopback address only: a notice names the URLs of abuse material. */
    private static URI checked(URI endpoint) {
        String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(Locale.ROOT);
        if (endpoint.getHost() == null || endpoint.getUserInfo() != null
                || !scheme.equals("https") && !(scheme.equals("http") && loopback(endpoint.getHost()))) {
            throw new IllegalArgumentException("a notice webhook must be an https URL without user information"
                    + " (http only to a loopback address)");
        }
        return endpoint;
    }

    private static boolean loopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Literals only: a name could resolve to a loopback address today and elsewhere tomorrow.
        if (!bare.contains(":") && !bare.matches("[0-9.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public SendResult send(NoticeMessage message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.messageId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload(message)));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return result(message, status);
        } catch (HttpTimeoutException e) {
            return Failed.temporary("the webhook did not answer in time");
        } catch (IOException e) {
            return Failed.temporary("could not reach the webhook (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Failed.temporary("interrupted while sending");
        }
    }

    private static SendResult result(NoticeMessage message, int status) {
        String detail = "the webhook answered HTTP " + status;
        if (status / 100 == 2) {
            return new SendResult.Accepted(message.messageId(), "HTTP " + status);
        }
        if (status == 408 || status == 425 || status == 429 || status / 100 == 5) {
            return Failed.temporary(detail);
        }
        if (status == 401 || status == 403 || status / 100 == 3) {
            return Failed.configuration(detail);
        }
        return status / 100 == 4 ? Failed.bounce(detail) : Failed.temporary(detail);
    }

    /** The notice as JSON, fields in a fixed order so one notice always gives the same bytes. */
    static byte[] payload(NoticeMessage message) {
        Notice n = message.notice();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", n.escalation() ? "escalation" : "notice");
        body.put("id", n.id());
        body.put("messageId", message.messageId());
        body.put("reference", n.reference());
        body.put("attempt", n.attempt());
        body.put("escalation", n.escalation());
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("kind", n.recipient().kind().name().toLowerCase(Locale.ROOT));
        recipient.put("address", n.recipient().address());
        body.put("recipient", recipient);
        body.put("language", n.language());
        body.put("category", n.category().name().toLowerCase(Locale.ROOT));
        body.put("urls", n.urls());
        body.put("firstReported", n.firstReported().toString());
        body.put("evidencePreservationRequested", true);
        Map<String, Object> hotline = new LinkedHashMap<>();
        hotline.put("name", n.hotline().name());
        hotline.put("contact", n.hotline().contact());
        n.hotline().website().ifPresent(w -> hotline.put("website", w));
        body.put("hotline", hotline);
        body.put("subject", message.subject());
        body.put("text", message.text());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
