package org.tideline.server.hotline.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tideline.server.hotline.triage.BadUrl.Problem;

/**
 * The normalisation rules of docs/hotline-triage.md, one nested class per rule. Host parsing follows the WHATWG URL
 * Standard (https://url.spec.whatwg.org/, host and IPv4 parsers), percent-encoding RFC 3986 sections 2 and 6.2.2,
 * dot segments RFC 3986 section 5.2.4, IPv6 text form RFC 5952 section 4.
 */
class UrlNormaliserTest {

    static String url(String reported) {
        return UrlNormaliser.normalise(reported).url();
    }

    static void assertRefused(String reported, Problem problem) {
        assertThatThrownBy(() -> UrlNormaliser.normalise(reported))
                .isInstanceOfSatisfying(BadUrl.class, bad -> assertThat(bad.problem()).isEqualTo(problem));
    }

    @Nested
    class Scheme {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            example.com/a                    -> http://example.com/a
            www.example.com                  -> http://www.example.com/
            //example.com/a                  -> http://example.com/a
            HTTP://EXAMPLE.COM/A             -> http://example.com/A
            HtTpS://Example.com              -> https://example.com/
            http:example.com                 -> http://example.com/
            http:///example.com/a            -> http://example.com/a
            example.com:8080/a               -> http://example.com:8080/a
            localhost:8080                   -> http://localhost:8080/
            """)
        void adds_http_when_missing_and_lower_cases_it(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            hxxp://example.com/a             -> http://example.com/a
            hXXps://example[.]com/a          -> https://example.com/a
            hxxps[:]//sub[.]example[.]com    -> https://sub.example.com/
            example[.]com/a[.]php            -> http://example.com/a.php
            """)
        void undoes_defanging(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }

        @Test
        void treats_backslashes_before_the_query_as_slashes_as_browsers_do() {
            assertThat(url("http:\\\\example.com\\a\\b?c=\\d")).isEqualTo("http://example.com/a/b?c=%5Cd");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html;base64,PGI+",
            "file:///etc/passwd", "ftp://example.com/a", "mailto:someone@example.com", "ws://example.com/",
            "intranet:8080", "blob:https://example.com/1"})
        void refuses_every_scheme_but_http_and_https(String reported) {
            assertRefused(reported, Problem.UNSUPPORTED_SCHEME);
        }

        @Test
        void strips_surrounding_whitespace_and_removes_line_breaks_inside() {
            assertThat(url("  https://example.com/a \n")).isEqualTo("https://example.com/a");
            assertThat(url("\u00A0\uFEFFhttps://example.com/a\u00A0")).isEqualTo("https://example.com/a");
            assertThat(url("https://exam\r\nple.com/a\tb")).isEqualTo("https://example.com/ab");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\t"})
        void refuses_empty_text(String reported) {
            assertRefused(reported, Problem.EMPTY);
        }
    }

    @Nested
    class Host {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            http://EXAMPLE.com/              -> http://example.com/
            http://bücher.example/           -> http://xn--bcher-kva.example/
            http://BÜCHER.example/           -> http://xn--bcher-kva.example/
            http://xn--BCHER-kva.example/    -> http://xn--bcher-kva.example/
            http://example.com./a            -> http://example.com/a
            http://exa%6Dple.com/            -> http://example.com/
            http://example。com/             -> http://example.com/
            http://exa\u200Bmple.com/        -> http://example.com/
            http://my_site.example/          -> http://my_site.example/
            """)
        void lower_cases_converts_idn_to_punycode_and_drops_the_root_dot(String reported, String canonical) {
            assertThat(url(reported.replace("\\u200B", "\u200B"))).isEqualTo(canonical);
        }

        @Test
        void drops_userinfo() {
            assertThat(url("http://user:pass@example.com/a")).isEqualTo("http://example.com/a");
        }

        @Test
        void takes_the_host_after_the_last_at_sign_as_the_real_host() {
            NormalisedUrl disguised = UrlNormaliser.normalise("http://example.com@evil.test/");
            assertThat(disguised.host()).isEqualTo("evil.test");
            assertThat(disguised.url()).isEqualTo("http://evil.test/");
            assertThat(UrlNormaliser.normalise("http://a@example.com@evil.test/").host()).isEqualTo("evil.test");
            assertThat(UrlNormaliser.normalise("http://example.com%2F@evil.test/").host()).isEqualTo("evil.test");
        }

        @Test
        void ends_the_authority_at_a_backslash_so_the_host_is_the_one_a_browser_contacts() {
            NormalisedUrl url = UrlNormaliser.normalise("http://evil.test\\@example.com/");
            assertThat(url.host()).isEqualTo("evil.test");
            assertThat(url.url()).isEqualTo("http://evil.test/@example.com/");
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            http://[::FFFF:7F00:1]/                   -> http://[::ffff:7f00:1]/
            http://[::ffff:127.0.0.1]/                -> http://[::ffff:7f00:1]/
            http://[2001:DB8:0:0:0:0:0:1]:8080/       -> http://[2001:db8::1]:8080/
            http://[2001:db8:0:0:1:0:0:1]/            -> http://[2001:db8::1:0:0:1]/
            http://[2001:db8:1:1:1:1:0:1]/            -> http://[2001:db8:1:1:1:1:0:1]/
            http://[0:0:0:0:0:0:0:0]/                 -> http://[::]/
            http://[::1]:80/                          -> http://[::1]/
            """)
        void writes_ipv6_literals_in_rfc5952_form(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            http://2130706433/               -> http://127.0.0.1/
            http://0x7f.1/                   -> http://127.0.0.1/
            http://0177.0.0.1/               -> http://127.0.0.1/
            http://127.1/                    -> http://127.0.0.1/
            http://0x7F.0.0.0x1/             -> http://127.0.0.1/
            http://192.168.0.1./             -> http://192.168.0.1/
            http://１９２.168.0.1/            -> http://192.168.0.1/
            """)
        void writes_numeric_ipv4_forms_as_dotted_quads(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "http://256.1.1.1/", "http://1.2.3.4.5/", "http://08.1.1.1/", "http://example.123/",
            "http://4294967296/", "http://[fe80::1%25eth0]/", "http://[::1/", "http://[1::2::3]/", "http://[::1]x/",
            "http://[1.2.3.4]/", "http://exa mple.com/", "http://a..b/", "http://exa%zzmple.com/", "http://%ff.com/",
            "http://example.com%2Fevil.test/", "http://exa<mple.com/"})
        void refuses_hosts_that_are_neither_names_nor_addresses(String reported) {
            assertRefused(reported, Problem.BAD_HOST);
        }

        @Test
        void refuses_labels_and_names_longer_than_dns_allows() {
            assertRefused("http://" + "a".repeat(64) + ".com/", Problem.BAD_HOST);
            assertRefused("http://" + ("a".repeat(63) + ".").repeat(4) + "com/", Problem.BAD_HOST);
            assertThat(url("http://" + "a".repeat(63) + ".com/")).startsWith("http://aaa");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://", "http:///", "http://user@/a", "http://:80/", "https://?q=1"})
        void refuses_urls_without_a_host(String reported) {
            assertRefused(reported, Problem.NO_HOST);
        }
    }

    @Nested
    class Port {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            http://example.com:80/           -> http://example.com/
            https://example.com:443/         -> https://example.com/
            https://example.com:80/          -> https://example.com:80/
            http://example.com:443/          -> http://example.com:443/
            http://example.com:0080/         -> http://example.com/
            http://example.com:/a            -> http://example.com/a
            http://example.com:8080/         -> http://example.com:8080/
            """)
        void drops_the_default_port_of_the_scheme_only(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "http://example.com:65536/", "http://example.com:8o/", "http://example.com:-1/",
            "http://example.com:99999999999999999999/"})
        void refuses_ports_outside_the_port_range(String reported) {
            assertRefused(reported, Problem.BAD_PORT);
        }
    }

    @Nested
    class Path {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            http://example.com               -> http://example.com/
            http://example.com?a=1           -> http://example.com/?a=1
            http://example.com#!/a           -> http://example.com/#!/a
            http://example.com/a/./b/../c    -> http://example.com/a/c
            http://example.com/a/b/..        -> http://example.com/a/
            http://example.com/a/.           -> http://example.com/a/
            http://example.com/../a          -> http://example.com/a
            http://example.com/a/%2e%2E/b    -> http://example.com/b
            http://example.com/a/.../b       -> http://example.com/a/.../b
            http://example.com/a/.b/c.       -> http://example.com/a/.b/c.
            """)
        void is_slash_when_empty_and_has_dot_segments_resolved(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }

        @Test
        void keeps_duplicate_slashes_because_servers_may_route_on_them() {
            assertThat(url("http://example.com/a//b")).isEqualTo("http://example.com/a//b");
            assertThat(url("http://example.com//a/")).isEqualTo("http://example.com//a/");
            assertThat(url("http://example.com/a//../b")).isEqualTo("http://example.com/a/b");
        }
    }

    @Nested
    class PercentEncodingRules {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            http://example.com/%7e           -> http://example.com/~
            http://example.com/%7E           -> http://example.com/~
            http://example.com/~             -> http://example.com/~
            http://example.com/%41%62%2d%5F  -> http://example.com/Ab-_
            http://example.com/a%2fb         -> http://example.com/a%2Fb
            http://example.com/a%2Fb         -> http://example.com/a%2Fb
            http://example.com/%3f%23        -> http://example.com/%3F%23
            http://example.com/a b           -> http://example.com/a%20b
            http://example.com/é             -> http://example.com/%C3%A9
            http://example.com/%c3%a9        -> http://example.com/%C3%A9
            http://example.com/日本          -> http://example.com/%E6%97%A5%E6%9C%AC
            http://example.com/😀            -> http://example.com/%F0%9F%98%80
            http://example.com/100%          -> http://example.com/100%25
            http://example.com/%zz%4         -> http://example.com/%25zz%254
            http://example.com/a"<>^`{}[]    -> http://example.com/a%22%3C%3E%5E%60%7B%7D%5B%5D
            """)
        void decodes_unreserved_upper_cases_other_escapes_and_encodes_what_must_be(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }

        @Test
        void leaves_sub_delimiters_raw_and_escaped_as_written() {
            assertThat(url("http://example.com/!$&'()*+,;=:@")).isEqualTo("http://example.com/!$&'()*+,;=:@");
            assertThat(url("http://example.com/%21%24")).isEqualTo("http://example.com/%21%24");
            assertThat(url("http://example.com/a|b")).isEqualTo("http://example.com/a%7Cb");
        }

        @Test
        void gives_equivalent_spellings_one_key() {
            String key = UrlNormaliser.normalise("http://example.com/~a").key();
            assertThat(UrlNormaliser.normalise("HTTP://Example.COM:80/%7ea").key()).isEqualTo(key);
            assertThat(UrlNormaliser.normalise("example.com/%7Ea#top").key()).isEqualTo(key);
        }
    }

    @Nested
    class Query {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            http://example.com/?utm_source=x&id=7&utm_medium=y   -> http://example.com/?id=7
            http://example.com/?b=2&a=1                          -> http://example.com/?b=2&a=1
            http://example.com/?fbclid=abc                       -> http://example.com/
            http://example.com/?                                 -> http://example.com/
            http://example.com/?a=1&&b=2&                        -> http://example.com/?a=1&b=2
            http://example.com/?UTM_Source=x&id=1                -> http://example.com/?id=1
            http://example.com/?utm%5Fsource=x&id=1              -> http://example.com/?id=1
            http://example.com/?q=a+b&r=%2f                      -> http://example.com/?q=a+b&r=%2F
            http://example.com/?q=a b&s=%7e                      -> http://example.com/?q=a%20b&s=~
            http://example.com/?a=%26&b=%3D                      -> http://example.com/?a=%26&b=%3D
            http://example.com/?a&b=                             -> http://example.com/?a&b=
            http://example.com/?a=1&a=2&gclid=z&a=3              -> http://example.com/?a=1&a=2&a=3
            http://example.com/?x=1#frag                         -> http://example.com/?x=1
            http://example.com/?next=/a?b                        -> http://example.com/?next=/a?b
            """)
        void removes_tracking_parameters_and_keeps_the_rest_in_order(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }

        @Test
        void removes_every_listed_parameter() {
            for (String name : TrackingParameters.EVERYWHERE) {
                assertThat(url("https://example.com/p?" + name + "=1&id=2")).as(name)
                        .isEqualTo("https://example.com/p?id=2");
            }
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            https://www.youtube.com/watch?v=abc&si=xyz             -> https://www.youtube.com/watch?v=abc
            https://youtu.be/abc?si=xyz                            -> https://youtu.be/abc
            https://open.spotify.com/track/1?si=xyz                -> https://open.spotify.com/track/1
            https://x.com/a/status/1?ref_src=twsrc                 -> https://x.com/a/status/1
            https://www.instagram.com/p/1/?igsh=abc                -> https://www.instagram.com/p/1/
            https://www.aliexpress.com/item/1.html?spm=a2g0o       -> https://www.aliexpress.com/item/1.html
            https://example.com/page?si=3                          -> https://example.com/page?si=3
            https://example.com/?ref_src=a&spm=b&igsh=c            -> https://example.com/?ref_src=a&spm=b&igsh=c
            https://notyoutube.com/?si=3                           -> https://notyoutube.com/?si=3
            """)
        void removes_generic_names_only_on_the_sites_that_add_them(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }
    }

    @Nested
    class Fragment {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = " -> ", textBlock = """
            http://example.com/a#section     -> http://example.com/a
            http://example.com/a#            -> http://example.com/a
            http://example.com/#!/photos/1   -> http://example.com/#!/photos/1
            http://example.com/#/gallery/2   -> http://example.com/#/gallery/2
            http://example.com/#!a b#c       -> http://example.com/#!a%20b%23c
            http://example.com/#%21a         -> http://example.com/
            https://mega.nz/file/ABC#KEY     -> https://mega.nz/file/ABC
            """)
        void drops_the_fragment_unless_it_is_a_hash_bang_or_hash_route(String reported, String canonical) {
            assertThat(url(reported)).isEqualTo(canonical);
        }
    }

    @Nested
    class Key {
        @Test
        void is_the_sha256_of_the_canonical_url() {
            // Reference: printf '%s' 'http://example.com/' | sha256sum
            assertThat(UrlNormaliser.normalise("EXAMPLE.com").key())
                    .isEqualTo("2a1b402420ef46577471cdc7409b0fa2c6a204db316e59ade2d805435489a067");
        }

        @Test
        void to_string_shows_the_key_and_not_the_url() {
            NormalisedUrl url = UrlNormaliser.normalise("http://secret-marker.example/path");
            assertThat(url.toString()).doesNotContain("secret-marker").contains(url.key());
        }
    }
}
