package org.tideline.server.hotline.capture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tideline.server.TestImages;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/** What a capture brings back from a well-behaved page: the specification of the happy paths. */
class SafeFetcherCaptureTest {

    private static final FetchPolicy LOCAL = FetchPolicy.defaults().withAllowList("127.0.0.0/8");

    private final TestWeb web = TestWeb.start();
    private final SafeFetcher fetcher = SafeFetcher.create(LOCAL, HostResolver.system());

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void captures_relative_absolute_srcset_and_og_images_with_their_exact_bytes() throws Exception {
        byte[] relative = TestImages.png(1);
        byte[] absolute = TestImages.png(2);
        byte[] small = TestImages.png(3);
        byte[] large = TestImages.png(4);
        byte[] social = TestImages.png(5);
        String html = """
                <!doctype html><html><head>
                <meta property="og:image" content="/img/social.png">
                </head><body>
                <img src="a.png" alt="relative">
                <img src="%s">
                <img srcset="small.png 1x, /gallery/large.png 2x" src="a.png">
                </body></html>
                """.formatted(web.url("/abs/b.png"));
        web.serve("/gallery/page.html", "text/html; charset=utf-8", html.getBytes(UTF_8))
                .serve("/gallery/a.png", "image/png", relative)
                .serve("/abs/b.png", "image/png", absolute)
                .serve("/gallery/small.png", "image/png", small)
                .serve("/gallery/large.png", "image/png", large)
                .serve("/img/social.png", "image/png", social);

        Capture capture = fetcher.capture(web.url("/gallery/page.html"));

        assertThat(capture.status()).isEqualTo(200);
        assertThat(capture.finalUrl()).isEqualTo(web.url("/gallery/page.html"));
        assertThat(capture.page()).hasValueSatisfying(page -> {
            assertThat(page.contentType()).isEqualTo("text/html");
            assertThat(page.bytes()).isEqualTo(html.getBytes(UTF_8));
        });
        assertThat(capture.skipped()).isEmpty();
        Map<String, byte[]> byUrl = new ConcurrentHashMap<>();
        capture.items().forEach(item -> byUrl.put(item.url(), item.bytes()));
        assertThat(capture.items()).extracting(CapturedItem::url).containsExactly(
                web.url("/img/social.png"), web.url("/gallery/a.png"), web.url("/abs/b.png"),
                web.url("/gallery/small.png"), web.url("/gallery/large.png"));
        assertThat(byUrl.get(web.url("/gallery/a.png"))).isEqualTo(relative);
        assertThat(byUrl.get(web.url("/abs/b.png"))).isEqualTo(absolute);
        assertThat(byUrl.get(web.url("/gallery/small.png"))).isEqualTo(small);
        assertThat(byUrl.get(web.url("/gallery/large.png"))).isEqualTo(large);
        assertThat(byUrl.get(web.url("/img/social.png"))).isEqualTo(social);
        assertThat(capture.items()).allSatisfy(item -> assertThat(item.contentType()).isEqualTo("image/png"));
    }

    @Test
    void captures_a_direct_image_link_as_the_one_item_without_a_page() throws Exception {
        byte[] image = TestImages.png(6);
        web.redirect("/share/6", 302, "/direct.png").serve("/direct.png", "image/png", image);

        Capture capture = fetcher.capture(web.url("/share/6"));

        assertThat(capture.page()).isEmpty();
        assertThat(capture.finalUrl()).isEqualTo(web.url("/direct.png"));
        assertThat(capture.items()).singleElement().satisfies(item -> {
            assertThat(item.url()).isEqualTo(web.url("/share/6"));
            assertThat(item.finalUrl()).isEqualTo(web.url("/direct.png"));
            assertThat(item.contentType()).isEqualTo("image/png");
            assertThat(item.bytes()).isEqualTo(image);
        });
    }

    @Test
    void follows_redirects_of_page_and_items_and_reports_where_they_ended() throws Exception {
        byte[] image = TestImages.png(7);
        web.redirect("/short", 302, "/long/page.html")
                .serve("/long/page.html", "text/html", "<img src='moved.png'>".getBytes(UTF_8))
                .redirect("/long/moved.png", 301, web.url("/cdn/real.png"))
                .serve("/cdn/real.png", "image/png", image);

        Capture capture = fetcher.capture(web.url("/short"));

        assertThat(capture.finalUrl()).isEqualTo(web.url("/long/page.html"));
        assertThat(capture.items()).singleElement().satisfies(item -> {
            assertThat(item.url()).isEqualTo(web.url("/long/moved.png"));
            assertThat(item.finalUrl()).isEqualTo(web.url("/cdn/real.png"));
            assertThat(item.bytes()).isEqualTo(image);
        });
    }

    @Test
    void identifies_itself_asks_for_identity_encoding_and_a_closed_connection() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        web.handle("/headers", exchange -> {
            for (String name : List.of("Host", "User-Agent", "Accept-Encoding", "Connection")) {
                seen.put(name, exchange.getRequestHeaders().getFirst(name));
            }
            TestWeb.send(exchange, 200, "text/html", "<p>".getBytes(UTF_8));
        });

        fetcher.capture(web.url("/headers"));

        assertThat(seen).containsEntry("Host", "127.0.0.1:" + web.port())
                .containsEntry("User-Agent", "Tideline-capture/0.1")
                .containsEntry("Accept-Encoding", "identity")
                .containsEntry("Connection", "close");
    }

    @Test
    void skips_an_item_of_a_type_that_is_not_media_without_failing_the_capture() throws Exception {
        byte[] image = TestImages.png(8);
        web.serve("/page", "text/html", "<img src='/doc.bin'><img src='/ok.png'>".getBytes(UTF_8))
                .serve("/doc.bin", "application/octet-stream", new byte[100])
                .serve("/ok.png", "image/png", image);

        Capture capture = fetcher.capture(web.url("/page"));

        assertThat(capture.items()).extracting(CapturedItem::url).containsExactly(web.url("/ok.png"));
        assertThat(capture.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.url()).isEqualTo(web.url("/doc.bin"));
            assertThat(skipped.reason()).isEqualTo(Reason.BAD_CONTENT_TYPE);
        });
    }

    @Test
    void skips_an_item_that_claims_to_be_png_but_is_html() throws Exception {
        web.serve("/page", "text/html", "<img src='/fake.png'>".getBytes(UTF_8))
                .serve("/fake.png", "image/png", "<html><script>alert(1)</script>".getBytes(UTF_8));

        Capture capture = fetcher.capture(web.url("/page"));

        assertThat(capture.items()).isEmpty();
        assertThat(capture.skipped()).extracting(Skipped::reason).containsExactly(Reason.BAD_CONTENT_TYPE);
    }

    @Test
    void refuses_a_direct_link_whose_bytes_are_not_the_image_it_claims() {
        web.serve("/fake.jpg", "image/jpeg", "plain text, not a JPEG".getBytes(UTF_8));

        assertRefused(() -> fetcher.capture(web.url("/fake.jpg")), Reason.BAD_CONTENT_TYPE);
    }

    @Test
    void lists_missing_items_as_skipped_with_their_status() throws Exception {
        web.serve("/page", "text/html", "<img src='/gone.png'><img src='/broken.png'>".getBytes(UTF_8))
                .serve("/gone.png", 410, "text/plain", new byte[0])
                .serve("/broken.png", 500, "text/plain", new byte[0]);

        Capture capture = fetcher.capture(web.url("/page"));

        assertThat(capture.skipped()).extracting(Skipped::reason).containsExactly(Reason.NOT_FOUND, Reason.HTTP_ERROR);
        assertThat(capture.skipped()).extracting(Skipped::detail)
                .containsExactly("the server answered 410", "the server answered 500");
    }

    @Test
    void fetches_at_most_max_items_and_lists_the_rest_as_skipped() throws Exception {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            html.append("<img src='/i").append(i).append(".png'>");
            web.serve("/i" + i + ".png", "image/png", TestImages.png(100 + i));
        }
        web.serve("/page", "text/html", html.toString().getBytes(UTF_8));
        SafeFetcher limited = SafeFetcher.create(LOCAL.withMaxItems(3), HostResolver.system());

        Capture capture = limited.capture(web.url("/page"));

        assertThat(capture.items()).extracting(CapturedItem::url)
                .containsExactly(web.url("/i0.png"), web.url("/i1.png"), web.url("/i2.png"));
        assertThat(capture.skipped()).extracting(Skipped::url).containsExactly(web.url("/i3.png"), web.url("/i4.png"));
        assertThat(capture.skipped()).extracting(Skipped::reason).containsOnly(Reason.TOO_MANY_ITEMS);
    }

    @Test
    void skips_items_once_the_capture_byte_budget_is_spent() throws Exception {
        byte[] first = TestImages.png(9);
        byte[] second = TestImages.png(10);
        byte[] html = "<img src='/1.png'><img src='/2.png'>".getBytes(UTF_8);
        web.serve("/page", "text/html", html).serve("/1.png", "image/png", first).serve("/2.png", "image/png", second);
        SafeFetcher tight = SafeFetcher.create(LOCAL.withMaxTotalBytes(html.length + first.length + 10), HostResolver.system());

        Capture capture = tight.capture(web.url("/page"));

        assertThat(capture.items()).extracting(CapturedItem::url).containsExactly(web.url("/1.png"));
        assertThat(capture.skipped()).singleElement().extracting(Skipped::reason).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void reports_a_missing_page_as_not_found_with_its_status() {
        web.serve("/gone", 410, "text/html", "gone".getBytes(UTF_8));

        assertThatThrownBy(() -> fetcher.capture(web.url("/missing")))
                .isInstanceOfSatisfying(FetchRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.status()).hasValue(404);
                });
        assertThatThrownBy(() -> fetcher.capture(web.url("/gone")))
                .isInstanceOfSatisfying(FetchRefused.class, e -> assertThat(e.status()).hasValue(410));
    }

    @Test
    void refuses_a_page_that_is_neither_html_nor_media() {
        web.serve("/download", "application/octet-stream", new byte[1000])
                .handle("/untyped", exchange -> {
                    exchange.sendResponseHeaders(200, 3);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write("abc".getBytes(UTF_8));
                    }
                });

        assertRefused(() -> fetcher.capture(web.url("/download")), Reason.BAD_CONTENT_TYPE);
        assertRefused(() -> fetcher.capture(web.url("/untyped")), Reason.BAD_CONTENT_TYPE);
    }

    @Test
    void fetch_one_reports_gone_as_an_answer_and_present_with_its_bytes() throws Exception {
        byte[] image = TestImages.png(11);
        web.serve("/still-there.png", "image/png", image);

        Fetched gone = fetcher.fetchOne(web.url("/removed.png"));
        Fetched there = fetcher.fetchOne(web.url("/still-there.png"));

        assertThat(gone.absent()).isTrue();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).isEmpty();
        assertThat(there.absent()).isFalse();
        assertThat(there.contentType()).hasValue("image/png");
        assertThat(there.body()).isEqualTo(image);
    }

    @Test
    void refusal_messages_never_contain_the_url() {
        web.serve("/secret-path-x7.png", "image/png", "not a png".getBytes(UTF_8));

        assertThatThrownBy(() -> fetcher.capture(web.url("/secret-path-x7.png")))
                .isInstanceOf(FetchRefused.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-path-x7", "127.0.0.1"));
        assertThatThrownBy(() -> fetcher.capture("http://10.1.2.3/secret-path-x7"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-path-x7", "10.1.2.3"));
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FetchRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
