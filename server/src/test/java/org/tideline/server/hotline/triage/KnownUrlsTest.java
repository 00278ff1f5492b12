package org.tideline.server.hotline.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.hotline.triage.KnownUrl.Kind.KNOWN_ABUSE;
import static org.tideline.server.hotline.triage.KnownUrl.Kind.KNOWN_BENIGN;
import static org.tideline.server.hotline.triage.KnownUrl.Scope.DOMAIN;
import static org.tideline.server.hotline.triage.KnownUrl.Scope.HOST;
import static org.tideline.server.hotline.triage.KnownUrl.Scope.URL;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Matching against a known-URL list: exact URLs by key, hosts, domains with subdomains, most specific first. */
class KnownUrlsTest {

    private static NormalisedUrl url(String text) {
        return UrlNormaliser.normalise(text);
    }

    private static Optional<KnownUrl> known(KnownUrl.Kind kind, KnownUrl.Scope scope) {
        return Optional.of(new KnownUrl(kind, scope));
    }

    @Test
    void matches_an_exact_url_however_it_was_written() {
        KnownUrls list = KnownUrls.builder().url(url("https://abuse.test/a/b?id=1"), KNOWN_ABUSE).build();

        assertThat(list.match(url("HTTPS://Abuse.TEST:443/a/./b?id=1&utm_source=x#top")))
                .isEqualTo(known(KNOWN_ABUSE, URL));
        assertThat(list.match(url("https://abuse.test/a/b?id=2"))).isEmpty();
        assertThat(list.match(url("http://abuse.test/a/b?id=1"))).as("another scheme is another URL").isEmpty();
    }

    @Test
    void takes_url_entries_by_key_as_storage_holds_them() {
        String key = url("https://abuse.test/a").key();
        KnownUrls list = KnownUrls.builder().url(key, KNOWN_ABUSE).build();

        assertThat(list.match(url("abuse.test/a/"))).isEmpty();
        assertThat(list.match(url("https://abuse.test/a"))).isEqualTo(known(KNOWN_ABUSE, URL));
        assertThatThrownBy(() -> KnownUrls.builder().url(key.toUpperCase(), KNOWN_ABUSE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KnownUrls.builder().url("https://abuse.test/a", KNOWN_ABUSE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matches_a_host_exactly_and_not_its_subdomains() {
        KnownUrls list = KnownUrls.builder().host("Files.Abuse.TEST.", KNOWN_ABUSE).build();

        assertThat(list.match(url("http://files.abuse.test/anything"))).isEqualTo(known(KNOWN_ABUSE, HOST));
        assertThat(list.match(url("http://cdn.files.abuse.test/"))).isEmpty();
        assertThat(list.match(url("http://abuse.test/"))).isEmpty();
    }

    @Test
    void matches_a_domain_and_its_subdomains_on_label_boundaries() {
        KnownUrls list = KnownUrls.builder().domain("abuse.test", KNOWN_ABUSE).build();

        assertThat(list.match(url("http://abuse.test/"))).isEqualTo(known(KNOWN_ABUSE, DOMAIN));
        assertThat(list.match(url("http://a.b.abuse.test/x"))).isEqualTo(known(KNOWN_ABUSE, DOMAIN));
        assertThat(list.match(url("http://notabuse.test/"))).isEmpty();
        assertThat(list.match(url("http://abuse.test.example/"))).isEmpty();
    }

    @Test
    void matches_idn_entries_and_urls_in_one_form() {
        KnownUrls list = KnownUrls.builder().domain("bücher.example", KNOWN_BENIGN).build();

        assertThat(list.match(url("http://www.xn--bcher-kva.example/"))).isEqualTo(known(KNOWN_BENIGN, DOMAIN));
        assertThat(list.match(url("http://BÜCHER.example/"))).isEqualTo(known(KNOWN_BENIGN, DOMAIN));
    }

    @Test
    void the_most_specific_entry_decides() {
        KnownUrls list = KnownUrls.builder()
                .domain("forum.test", KNOWN_BENIGN)
                .domain("uploads.forum.test", KNOWN_ABUSE)
                .host("www.forum.test", KNOWN_BENIGN)
                .url(url("http://www.forum.test/thread/666"), KNOWN_ABUSE)
                .build();

        assertThat(list.match(url("http://www.forum.test/thread/666"))).isEqualTo(known(KNOWN_ABUSE, URL));
        assertThat(list.match(url("http://www.forum.test/thread/1"))).isEqualTo(known(KNOWN_BENIGN, HOST));
        assertThat(list.match(url("http://x.uploads.forum.test/"))).isEqualTo(known(KNOWN_ABUSE, DOMAIN));
        assertThat(list.match(url("http://m.forum.test/"))).isEqualTo(known(KNOWN_BENIGN, DOMAIN));
        assertThat(list.size()).isEqualTo(4);
    }

    @Test
    void matches_ip_hosts_in_canonical_form_and_refuses_them_as_domains() {
        KnownUrls list = KnownUrls.builder().host("0x7f.1", KNOWN_ABUSE).host("[::FFFF:7F00:1]", KNOWN_ABUSE).build();

        assertThat(list.match(url("http://127.0.0.1:8080/x"))).isEqualTo(known(KNOWN_ABUSE, HOST));
        assertThat(list.match(url("http://[::ffff:127.0.0.1]/"))).isEqualTo(known(KNOWN_ABUSE, HOST));
        assertThat(list.match(url("http://10.0.0.1/"))).isEmpty();
        assertThatThrownBy(() -> KnownUrls.builder().domain("10.0.0.1", KNOWN_ABUSE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_an_entry_listed_with_two_kinds_without_naming_it() {
        KnownUrls.Builder builder = KnownUrls.builder()
                .host("secretmarker.test", KNOWN_ABUSE)
                .host("secretmarker.test", KNOWN_ABUSE); // the same twice is harmless
        assertThatThrownBy(() -> builder.host("SECRETMARKER.test", KNOWN_BENIGN))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContainIgnoringCase("secretmarker");
    }

    @Test
    void refuses_hosts_that_are_not_hosts() {
        assertThatThrownBy(() -> KnownUrls.builder().host("http://abuse.test/", KNOWN_ABUSE))
                .isInstanceOf(BadUrl.class);
        assertThatThrownBy(() -> KnownUrls.builder().domain("", KNOWN_ABUSE)).isInstanceOf(BadUrl.class);
    }

    @Test
    void an_empty_list_matches_nothing() {
        assertThat(KnownUrls.empty().match(url("http://example.com/"))).isEmpty();
        assertThat(KnownUrls.empty().size()).isZero();
    }
}
