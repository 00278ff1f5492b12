package org.tideline.server.hotline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The trace.* keys. */
class TraceSettingsTest {

    @Test
    void defaults_are_no_databases_and_no_rdap() {
        TraceSettings s = TraceSettings.fromProperties(new Properties());
        assertThat(s).isEqualTo(TraceSettings.none());
        assertThat(s.rdapUrl()).isEqualTo(URI.create("https://rdap.org"));
    }

    @Test
    void reads_paths_rdap_switch_and_url() {
        Properties p = new Properties();
        p.setProperty("trace.asn.db", " /var/lib/geo/GeoLite2-ASN.mmdb ");
        p.setProperty("trace.country.db", "/var/lib/geo/GeoLite2-Country.mmdb");
        p.setProperty("trace.rdap", "on");
        p.setProperty("trace.rdap.url", "https://rdap.example/base/");
        p.setProperty("mode", "assess");
        TraceSettings s = TraceSettings.fromProperties(p);
        assertThat(s.asnDatabase()).contains(Path.of("/var/lib/geo/GeoLite2-ASN.mmdb"));
        assertThat(s.countryDatabase()).contains(Path.of("/var/lib/geo/GeoLite2-Country.mmdb"));
        assertThat(s.rdap()).isTrue();
        assertThat(s.rdapUrl()).isEqualTo(URI.create("https://rdap.example/base/"));
    }

    @Test
    void refuses_a_bad_switch_or_url_by_key() {
        Properties p = new Properties();
        p.setProperty("trace.rdap", "sometimes");
        assertThatThrownBy(() -> TraceSettings.fromProperties(p)).hasMessageContaining("trace.rdap");
        Properties q = new Properties();
        q.setProperty("trace.rdap.url", "ftp://rdap.example");
        assertThatThrownBy(() -> TraceSettings.fromProperties(q)).hasMessageContaining("trace.rdap.url");
    }
}
