package org.tideline.server.hotline.capture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tideline.server.hotline.capture.SafeFetcherCaptureTest.assertRefused;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tideline.server.TestImages;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * The fetcher as a server-side request forgery target: every way of naming a loopback or private address, directly,
 * through DNS or through a redirect, is refused unless the allow-list names it. The test server listens on
 * 127.0.0.1, so a form that slipped through would be caught capturing a page instead of being refused.
 */
class SafeFetcherAddressTest {

    private final TestWeb web = TestWeb.start()
            .serve("/page", "text/html", "<p>internal</p>".getBytes(UTF_8));
    private final int port = web.port();

    @AfterEach
    void stop() {
        web.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "localhost", "[::1]", "2130706433", "0x7f000001", "0x7F000001", "0177.0.0.1", "0177.0.0.01",
        "127.1", "0x7f.1", "127.0.0.1.", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]",
        "[::127.0.0.1]", "0.0.0.0", "0", "[::]", "LOCALHOST"})
    void refuses_loopback_in_any_spelling_without_an_allow_list(String host) {
        SafeFetcher strict = SafeFetcher.create(FetchPolicy.defaults(), HostResolver.system());

        assertRefused(() -> strict.capture("http://" + host + ":" + port + "/page"), Reason.BLOCKED_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0x7f.1", "[::ffff:7f00:1]"})
    void reads_odd_ipv4_spellings_as_a_browser_does(String host) throws Exception {
        SafeFetcher local = SafeFetcher.create(FetchPolicy.defaults().withAllowList("127.0.0.1/32"), new TestResolver());

        // 0177.0.0.1 is octal for 127.0.0.1 to a browser (and to inet_aton), although InetAddress reads 177.0.0.1.
        assertThat(local.capture("http://" + host + ":" + port + "/page").page()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "fe80::1",
        "fc00::1", "fd12:3456::1", "224.0.0.1", "255.255.255.255", "240.0.0.1", "192.0.2.1", "198.51.100.7",
        "203.0.113.9", "198.18.0.1", "192.0.0.8", "64:ff9b::a00:1", "64:ff9b::7f00:1", "2002:a9fe:a9fe::1", "::",
        "ff02::1", "2001:db8::1"})
    void refuses_a_name_that_resolves_to_a_non_public_address(String address) {
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults(), new TestResolver().map("evil.test", address));

        assertRefused(() -> fetcher.capture("http://evil.test/"), Reason.BLOCKED_ADDRESS);
    }

    @Test
    void refuses_a_resolver_answer_of_raw_ipv4_mapped_ipv6_bytes() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 0, 0, 1};
        InetAddress raw = Inet6Address.getByAddress("evil.test", mapped, -1);
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults(), new TestResolver().map("evil.test", raw));

        assertRefused(() -> fetcher.capture("http://evil.test/"), Reason.BLOCKED_ADDRESS);
    }

    @Test
    void refuses_a_name_when_any_of_its_addresses_is_private() {
        TestResolver resolver = new TestResolver().map("mixed.test", "93.184.215.14", "10.0.0.1");
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults(), resolver);

        assertRefused(() -> fetcher.capture("http://mixed.test/"), Reason.BLOCKED_ADDRESS);
    }

    @Test
    void refuses_a_redirect_from_an_allowed_server_to_a_refused_address() throws Exception {
        // good.test is the allow-listed 127.0.0.1; evil.test is 127.0.0.2, loopback too but not allow-listed.
        TestResolver resolver = new TestResolver().map("good.test", "127.0.0.1").map("evil.test", "127.0.0.2")
                .map("metadata.test", "169.254.169.254");
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults().withAllowList("127.0.0.1/32"), resolver);
        web.redirect("/to-evil", 302, "http://evil.test:" + port + "/page")
                .redirect("/to-metadata", 301, "http://metadata.test/latest/meta-data/")
                .redirect("/to-private", 307, "http://10.0.0.1/admin")
                .redirect("/to-v6-loopback", 308, "http://[::1]:" + port + "/page")
                .redirect("/to-decimal", 303, "http://2130706434:" + port + "/page")
                .redirect("/to-file", 302, "file:///etc/passwd");
        String base = "http://good.test:" + port;

        assertThat(fetcher.capture(base + "/page")).isNotNull();
        assertRefused(() -> fetcher.capture(base + "/to-evil"), Reason.BLOCKED_ADDRESS);
        assertRefused(() -> fetcher.capture(base + "/to-metadata"), Reason.BLOCKED_ADDRESS);
        assertRefused(() -> fetcher.capture(base + "/to-private"), Reason.BLOCKED_ADDRESS);
        assertRefused(() -> fetcher.capture(base + "/to-v6-loopback"), Reason.BLOCKED_ADDRESS);
        assertRefused(() -> fetcher.capture(base + "/to-decimal"), Reason.BLOCKED_ADDRESS);
        assertRefused(() -> fetcher.capture(base + "/to-file"), Reason.BAD_URL);
    }

    @Test
    void skips_an_item_on_a_refused_address_and_keeps_the_rest() throws Exception {
        byte[] image = TestImages.png(20);
        TestResolver resolver = new TestResolver().map("good.test", "127.0.0.1").map("metadata.test", "169.254.169.254");
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults().withAllowList("127.0.0.1/32"), resolver);
        web.serve("/gallery", "text/html",
                        "<img src='http://metadata.test/latest/meta-data/iam'><img src='/ok.png'>".getBytes(UTF_8))
                .serve("/ok.png", "image/png", image);

        Capture capture = fetcher.capture("http://good.test:" + port + "/gallery");

        assertThat(capture.items()).singleElement().extracting(CapturedItem::bytes).isEqualTo(image);
        assertThat(capture.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.url()).isEqualTo("http://metadata.test/latest/meta-data/iam");
            assertThat(skipped.reason()).isEqualTo(Reason.BLOCKED_ADDRESS);
        });
    }

    @Test
    void resolves_each_host_once_and_connects_to_the_address_it_vetted() throws Exception {
        // A rebinding resolver would answer differently the second time; there must be no second time.
        TestResolver resolver = new TestResolver().map("good.test", "127.0.0.1");
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults().withAllowList("127.0.0.1/32"), resolver);

        fetcher.capture("http://good.test:" + port + "/page");

        assertThat(resolver.lookups.get()).isEqualTo(1);
    }

    @Test
    void refuses_ports_browsers_refuse_even_on_an_allowed_address() {
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults().withAllowList("127.0.0.0/8"), new TestResolver());

        assertRefused(() -> fetcher.capture("http://127.0.0.1:25/"), Reason.BLOCKED_ADDRESS);
        assertRefused(() -> fetcher.capture("http://127.0.0.1:6667/"), Reason.BLOCKED_ADDRESS);
    }

    @Test
    void reports_a_name_that_does_not_resolve() {
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults(), new TestResolver());

        assertRefused(() -> fetcher.capture("http://nowhere.test/"), Reason.UNRESOLVABLE);
    }

    @Test
    void reports_a_refused_connection() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults().withAllowList("127.0.0.1"), new TestResolver());

        assertRefused(() -> fetcher.capture("http://127.0.0.1:" + closedPort + "/"), Reason.CONNECTION_FAILED);
    }
}
