package org.tideline.server.hotline.capture;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.hotline.capture.SafeFetcherCaptureTest.assertRefused;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * The fetcher as a hostile-input target: whatever a server sends, a capture ends within its byte and time limits.
 * Limits here are small (a 1 s capture, a 64 KB page) so that the tests prove the bounds in little time.
 */
class SafeFetcherLimitsTest {

    private static final long PAGE_LIMIT = 64 * 1024;
    private static final FetchPolicy TIGHT = FetchPolicy.defaults().withAllowList("127.0.0.0/8")
            .withMaxPageBytes(PAGE_LIMIT)
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(1000));

    private final TestWeb web = TestWeb.start();
    private final SafeFetcher fetcher = SafeFetcher.create(TIGHT, HostResolver.system());

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void refuses_a_declared_length_over_the_limit_before_reading_the_body() throws Exception {
        // The server declares 100 MB, then sends nothing: waiting for the body would end in TOO_SLOW instead.
        try (RawServer server = RawServer.start(out -> {
            out.write(head("200 OK", "Content-Type: text/html", "Content-Length: 104857600"));
            out.flush();
            Thread.sleep(10_000);
        })) {
            assertRefused(() -> fetcher.capture(server.url("/")), Reason.TOO_LARGE);
        }
    }

    @Test
    void stops_an_endless_chunked_body_at_the_limit() {
        web.handle("/endless", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = "<p>more</p>".repeat(100).getBytes(UTF_8);
            while (true) out.write(chunk);
        });

        assertRefused(() -> fetcher.capture(web.url("/endless")), Reason.TOO_LARGE);
    }

    @Test
    void stops_an_endless_body_without_a_length_at_the_limit() throws Exception {
        try (RawServer server = RawServer.start(out -> {
            out.write(head("200 OK", "Content-Type: text/html"));
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) 'x');
            while (true) out.write(chunk);
        })) {
            assertRefused(() -> fetcher.capture(server.url("/")), Reason.TOO_LARGE);
        }
    }

    @Test
    void reads_only_the_declared_length_when_the_server_sends_more() throws Exception {
        try (RawServer server = RawServer.start(out -> {
            out.write(head("200 OK", "Content-Type: text/html", "Content-Length: 5"));
            out.write("<p>hi</p><img src='/smuggled.png'>".getBytes(US_ASCII));
        })) {
            Capture capture = fetcher.capture(server.url("/"));

            assertThat(capture.page().orElseThrow().bytes()).isEqualTo("<p>hi".getBytes(US_ASCII));
            assertThat(capture.items()).isEmpty();
            assertThat(capture.skipped()).isEmpty();
        }
    }

    @Test
    void refuses_a_body_shorter_than_its_declared_length() throws Exception {
        try (RawServer server = RawServer.start(out -> {
            out.write(head("200 OK", "Content-Type: text/html", "Content-Length: 1000"));
            out.write("<p>only this</p>".getBytes(US_ASCII));
        })) {
            assertRefused(() -> fetcher.capture(server.url("/")), Reason.BAD_RESPONSE);
        }
    }

    @Test
    void gives_up_on_a_page_that_drips_at_the_capture_deadline() {
        // A byte every 150 ms keeps inside the 500 ms read timeout: only the 1 s deadline can end it.
        web.handle("/drip", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 600; i++) {
                out.write('x');
                out.flush();
                sleep(150);
            }
        });

        long started = System.nanoTime();
        assertRefused(() -> fetcher.capture(web.url("/drip")), Reason.TOO_SLOW);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(950), Duration.ofMillis(2500));
    }

    @Test
    void gives_up_on_headers_that_drip_at_the_capture_deadline() throws Exception {
        try (RawServer server = RawServer.start(out -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(US_ASCII));
            for (int i = 0; i < 600; i++) {
                out.write("X-Drip: x\r\n".getBytes(US_ASCII));
                out.flush();
                Thread.sleep(150);
            }
        })) {
            long started = System.nanoTime();
            assertRefused(() -> fetcher.capture(server.url("/")), Reason.TOO_SLOW);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void gives_up_on_a_silent_server_at_the_read_timeout() throws Exception {
        try (RawServer server = RawServer.start(out -> Thread.sleep(10_000))) {
            assertThatThrownBy(() -> fetcher.capture(server.url("/"))).isInstanceOfSatisfying(FetchRefused.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.TOO_SLOW);
                assertThat(e.getMessage()).contains("sent nothing for 500 ms");
            });
        }
    }

    @Test
    void gives_up_on_a_resolver_that_hangs_at_the_capture_deadline() {
        SafeFetcher hanging = SafeFetcher.create(TIGHT, host -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return java.util.List.of();
        });

        long started = System.nanoTime();
        assertRefused(() -> hanging.capture("http://slow-dns.test/"), Reason.TOO_SLOW);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void fails_a_redirect_loop_as_too_many_redirects() {
        web.redirect("/a", 302, "/b").redirect("/b", 302, "/a");

        assertRefused(() -> fetcher.capture(web.url("/a")), Reason.TOO_MANY_REDIRECTS);
    }

    @Test
    void follows_exactly_as_many_redirects_as_the_policy_allows() throws Exception {
        web.redirect("/r1", 301, "/r2").redirect("/r2", 302, "/r3").redirect("/r3", 307, "/page")
                .serve("/page", "text/html", "<p>".getBytes(UTF_8));
        SafeFetcher three = SafeFetcher.create(TIGHT.withMaxRedirects(3), HostResolver.system());
        SafeFetcher two = SafeFetcher.create(TIGHT.withMaxRedirects(2), HostResolver.system());

        assertThat(three.capture(web.url("/r1")).finalUrl()).isEqualTo(web.url("/page"));
        assertRefused(() -> two.capture(web.url("/r1")), Reason.TOO_MANY_REDIRECTS);
    }

    @Test
    void refuses_endless_headers() throws Exception {
        try (RawServer server = RawServer.start(out -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(US_ASCII));
            byte[] header = ("X-Filler: " + "y".repeat(1000) + "\r\n").getBytes(US_ASCII);
            while (true) out.write(header);
        })) {
            assertRefused(() -> fetcher.capture(server.url("/")), Reason.BAD_RESPONSE);
        }
    }

    @Test
    void refuses_a_header_line_without_end() throws Exception {
        try (RawServer server = RawServer.start(out -> {
            out.write("HTTP/1.1 200 OK\r\nX-Long: ".getBytes(US_ASCII));
            byte[] filler = new byte[8192];
            Arrays.fill(filler, (byte) 'z');
            while (true) out.write(filler);
        })) {
            assertRefused(() -> fetcher.capture(server.url("/")), Reason.BAD_RESPONSE);
        }
    }

    @Test
    void refuses_ambiguous_framing_and_compressed_bodies() throws Exception {
        try (RawServer both = RawServer.start(out -> out.write(head("200 OK", "Content-Type: text/html",
                        "Content-Length: 3", "Transfer-Encoding: chunked")));
                RawServer twoLengths = RawServer.start(out -> out.write(head("200 OK", "Content-Type: text/html",
                        "Content-Length: 3", "Content-Length: 4")));
                RawServer gzip = RawServer.start(out -> out.write(head("200 OK", "Content-Type: text/html",
                        "Content-Encoding: gzip", "Content-Length: 0")));
                RawServer notHttp = RawServer.start(out -> out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(US_ASCII)))) {
            assertRefused(() -> fetcher.capture(both.url("/")), Reason.BAD_RESPONSE);
            assertRefused(() -> fetcher.capture(twoLengths.url("/")), Reason.BAD_RESPONSE);
            assertRefused(() -> fetcher.capture(gzip.url("/")), Reason.BAD_RESPONSE);
            assertRefused(() -> fetcher.capture(notHttp.url("/")), Reason.BAD_RESPONSE);
        }
    }

    @Test
    void reads_a_well_formed_chunked_page_with_extensions_and_trailers() throws Exception {
        try (RawServer server = RawServer.start(out -> {
            out.write(head("200 OK", "Content-Type: text/html", "Transfer-Encoding: chunked"));
            out.write("3;name=value\r\n<p>\r\n2\r\nhi\r\n0\r\nX-Trailer: t\r\n\r\n".getBytes(US_ASCII));
        })) {
            assertThat(fetcher.capture(server.url("/")).page().orElseThrow().bytes()).isEqualTo("<p>hi".getBytes(US_ASCII));
        }
    }

    @Test
    void survives_ten_megabytes_of_unterminated_image_tags() throws Exception {
        byte[] hostile = "<img src=\"".repeat(1_000_000).getBytes(US_ASCII);
        web.serve("/hostile", "text/html", hostile);
        SafeFetcher roomy = SafeFetcher.create(TIGHT.withMaxPageBytes(16 * 1024 * 1024)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10)), HostResolver.system());

        long started = System.nanoTime();
        Capture capture = roomy.capture(web.url("/hostile"));

        assertThat(capture.page().orElseThrow().bytes()).hasSize(hostile.length);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    /** A status line and headers, as raw bytes. */
    static byte[] head(String status, String... headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        for (String header : headers) head.append(header).append("\r\n");
        return head.append("\r\n").toString().getBytes(US_ASCII);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
