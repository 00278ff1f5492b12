package org.tideline.server.hotline.capture;

import static org.tideline.server.hotline.capture.SafeFetcherCaptureTest.assertRefused;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/** URLs the fetcher will not even try: refused before any lookup or connection, whatever the allow-list says. */
class SafeFetcherUrlTest {

    private final SafeFetcher fetcher = SafeFetcher.create(
            FetchPolicy.defaults().withAllowList("0.0.0.0/0", "::/0"), new TestResolver().map("example.test", "127.0.0.1"));

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "javascript:alert(1)", "file:///etc/passwd", "ftp://example.test/a.png", "mailto:a@example.test",
        "data:image/png;base64,iVBORw0KGgo=", "gopher://example.test/", "http://exa mple.test/", " http://example.test/",
        "http://example.test/a b.png", "http://", "http:///path", "http:example.test", "//example.test/a.png",
        "/relative/a.png", "http://user:secret@example.test/", "http://user@example.test/", "http://[fe80::1%25eth0]/",
        "http://1.2.3.4.5/", "http://example.123/", "http://256.0.0.1/", "http://0x1ffffffff/", "http://08.0.0.1/",
        "http://example.test:99999/", "http://example.test:0/", "http://a_b.test/", "http://%31%32%37.0.0.1/",
        "http://[::1/", "http://example..test/", "http://example.test\r\nHost: other/"})
    void refuses_urls_it_will_not_fetch(String url) {
        assertRefused(() -> fetcher.capture(url), Reason.BAD_URL);
    }
}
