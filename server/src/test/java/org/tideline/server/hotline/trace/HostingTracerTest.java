package org.tideline.server.hotline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.hotline.trace.TraceFixtures.CLOCK;
import static org.tideline.server.hotline.trace.TraceFixtures.NOW;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.hotline.trace.MethodResult.Status;

/**
 * The tracer against a fake DNS, test .mmdb files (documentation addresses, private AS numbers) and a local RDAP
 * service: no test touches the internet.
 */
class HostingTracerTest {

    @TempDir
    Path dir;

    private HostingTracer tracer(TraceSettings settings, DnsLookup dns) {
        return HostingTracer.open(settings, dns, CdnDetector.builtIn(), RegistrarLookup.none(), CLOCK);
    }

    @Test
    void plain_a_and_aaaa_records_get_their_as_and_country_from_the_databases() {
        DnsLookup dns = new FakeDns().address("files.example", "192.0.2.10", "2001:db8::10");
        try (HostingTracer t = tracer(TraceFixtures.both(dir), dns)) {
            Trace trace = t.trace("Files.Example");

            assertThat(trace.host()).isEqualTo("files.example");
            assertThat(trace.cnameChain()).isEmpty();
            assertThat(trace.addresses()).containsExactly(
                    new IpInfo(InetAddress.ofLiteral("192.0.2.10"), Optional.of(64500L),
                            Optional.of("Example Hosting Srl"), Optional.of("IT")),
                    new IpInfo(InetAddress.ofLiteral("2001:db8::10"), Optional.of(64500L),
                            Optional.of("Example Hosting Srl"), Optional.of("IT")));
            assertThat(trace.cdn()).isEmpty();
            assertThat(trace.hostingCountry()).contains("IT");
            assertThat(trace.noticeTarget()).contains("Example Hosting Srl");
            assertThat(trace.at()).isEqualTo(NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(trace.methods()).extracting(MethodResult::method)
                    .containsExactly("DNS", "ASN_DB", "COUNTRY_DB", "CDN", "RDAP");
            assertThat(trace.method("DNS").orElseThrow().status()).isEqualTo(Status.OK);
            assertThat(trace.method("ASN_DB").orElseThrow().detail()).startsWith("2 of 2 addresses known; GeoLite2-ASN");
            assertThat(trace.method("COUNTRY_DB").orElseThrow().status()).isEqualTo(Status.OK);
            assertThat(trace.method("RDAP").orElseThrow().status()).isEqualTo(Status.UNAVAILABLE);
            assertThat(trace.methods()).allSatisfy(m -> assertThat(m.detail()).doesNotContain("files.example"));
        }
    }

    @Test
    void a_cname_chain_into_a_cdn_makes_the_cdn_the_notice_target_and_the_country_unknown() {
        DnsLookup dns = new FakeDns()
                .cname("www.shop.example", "shop.example.edgekey.net")
                .cname("shop.example.edgekey.net", "e1234.a.akamaiedge.net")
                .address("e1234.a.akamaiedge.net", "198.51.100.20");
        try (HostingTracer t = tracer(TraceFixtures.both(dir), dns)) {
            Trace trace = t.trace("www.shop.example");

            assertThat(trace.cnameChain()).containsExactly("shop.example.edgekey.net", "e1234.a.akamaiedge.net");
            assertThat(trace.cdn()).contains("Akamai");
            // The address is the CDN's edge: its country says nothing about where the material is.
            assertThat(trace.addresses().getFirst().country()).contains("NL");
            assertThat(trace.hostingCountry()).isEmpty();
            assertThat(trace.noticeTarget()).contains("Akamai");
            assertThat(trace.method("CDN").orElseThrow().detail()).isEqualTo("Akamai (CNAME into edgekey.net)");
            assertThat(trace.method("DNS").orElseThrow().detail()).isEqualTo("2 CNAME, 1 addresses");
        }
    }

    @Test
    void an_address_in_a_cdn_only_network_is_recognised_without_a_cname() {
        DnsLookup dns = new FakeDns().address("proxied.example", "203.0.113.5");
        try (HostingTracer t = tracer(TraceFixtures.both(dir), dns)) {
            Trace trace = t.trace("proxied.example");
            assertThat(trace.cdn()).contains("Cloudflare");
            assertThat(trace.method("CDN").orElseThrow().detail()).isEqualTo("Cloudflare (AS13335)");
            assertThat(trace.hostingCountry()).isEmpty();
            assertThat(trace.noticeTarget()).contains("Cloudflare");
        }
    }

    @Test
    void nxdomain_is_a_failed_dns_method_and_the_rest_of_the_trace_still_runs() throws Exception {
        try (RdapServer rdap = new RdapServer().answer("gone.example", RdapServer.REGISTRY_ANSWER);
                HostingTracer t = HostingTracer.open(TraceFixtures.both(dir), new FakeDns(), CdnDetector.builtIn(),
                        RegistrarLookup.rdap(rdap.base(), Duration.ofSeconds(5)), CLOCK)) {
            Trace trace = t.trace("www.gone.example");

            assertThat(trace.addresses()).isEmpty();
            assertThat(trace.method("DNS").orElseThrow())
                    .extracting(MethodResult::status, MethodResult::detail)
                    .containsExactly(Status.FAILED, "no such name (NXDOMAIN)");
            assertThat(trace.method("ASN_DB").orElseThrow().status()).isEqualTo(Status.OK);
            assertThat(trace.hostingCountry()).isEmpty();
            assertThat(trace.noticeTarget()).isEmpty();
            // A name whose DNS is gone still has a registrar, who can be told.
            assertThat(trace.registrar()).contains(new Registrar("Example Registrar, Inc.", Optional.of(9999L),
                    "gone.example"));
            assertThat(trace.method("RDAP").orElseThrow().status()).isEqualTo(Status.OK);
        }
    }

    @Test
    void a_resolver_failure_is_recorded_without_the_host_name() {
        DnsLookup dns = new FakeDns().failing("slow.example");
        try (HostingTracer t = tracer(TraceSettings.none(), dns)) {
            MethodResult result = t.trace("slow.example").method("DNS").orElseThrow();
            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.detail()).isEqualTo("DNS query failed: timeout");
        }
    }

    @Test
    void missing_databases_are_recorded_as_unavailable_not_as_unknown_addresses() {
        DnsLookup dns = new FakeDns().address("files.example", "192.0.2.10");
        try (HostingTracer t = tracer(TraceSettings.none(), dns)) {
            Trace trace = t.trace("files.example");
            assertThat(trace.addresses()).containsExactly(IpInfo.unknown(InetAddress.ofLiteral("192.0.2.10")));
            assertThat(trace.method("ASN_DB").orElseThrow())
                    .extracting(MethodResult::status, MethodResult::detail)
                    .containsExactly(Status.UNAVAILABLE, "no database configured");
            assertThat(trace.method("COUNTRY_DB").orElseThrow().status()).isEqualTo(Status.UNAVAILABLE);
            assertThat(trace.method("RDAP").orElseThrow().detail()).isEqualTo("RDAP is off");
            assertThat(trace.noticeTarget()).isEmpty();
        }
    }

    @Test
    void one_database_without_the_other_still_answers_its_part() {
        DnsLookup dns = new FakeDns().address("files.example", "198.51.100.1");
        TraceSettings onlyCountry = new TraceSettings(Optional.empty(), Optional.of(TraceFixtures.countryDb(dir)),
                false, URI.create(TraceSettings.DEFAULT_RDAP_URL));
        try (HostingTracer t = tracer(onlyCountry, dns)) {
            Trace trace = t.trace("files.example");
            assertThat(trace.hostingCountry()).contains("NL");
            assertThat(trace.addresses().getFirst().asn()).isEmpty();
            assertThat(trace.method("ASN_DB").orElseThrow().status()).isEqualTo(Status.UNAVAILABLE);
        }
    }

    @Test
    void an_address_the_databases_do_not_know_is_ok_with_nothing_known() {
        DnsLookup dns = new FakeDns().address("elsewhere.example", "192.0.2.1", "100.64.0.1");
        try (HostingTracer t = tracer(TraceFixtures.both(dir), dns)) {
            Trace trace = t.trace("elsewhere.example");
            assertThat(trace.method("ASN_DB").orElseThrow().detail()).startsWith("1 of 2 addresses known");
            assertThat(trace.addresses().get(1).country()).isEmpty();
        }
    }

    @Test
    void an_ip_literal_host_skips_dns_and_rdap() {
        try (HostingTracer t = tracer(TraceFixtures.both(dir), new FakeDns())) {
            Trace trace = t.trace("[2001:db8::7]");
            assertThat(trace.addresses()).extracting(IpInfo::country).containsExactly(Optional.of("IT"));
            assertThat(trace.method("DNS").orElseThrow().status()).isEqualTo(Status.UNAVAILABLE);
            assertThat(trace.registrar()).isEmpty();
        }
    }

    @Test
    void a_corrupt_database_is_a_clear_error_when_opened() throws Exception {
        Path corrupt = Files.write(dir.resolve("asn.mmdb"), "this is not a MaxMind DB file".getBytes());
        TraceSettings settings = new TraceSettings(Optional.of(corrupt), Optional.empty(), false,
                URI.create(TraceSettings.DEFAULT_RDAP_URL));
        assertThatThrownBy(() -> HostingTracer.open(settings, new FakeDns()))
                .isInstanceOf(TraceDatabaseException.class)
                .hasMessageStartingWith("trace.asn.db: " + corrupt + " is not a readable MaxMind DB file");
    }

    @Test
    void a_truncated_database_is_a_clear_error_when_opened() throws Exception {
        byte[] good = Files.readAllBytes(TraceFixtures.countryDb(dir));
        Path truncated = Files.write(dir.resolve("truncated.mmdb"), java.util.Arrays.copyOf(good, good.length / 2));
        TraceSettings settings = new TraceSettings(Optional.empty(), Optional.of(truncated), false,
                URI.create(TraceSettings.DEFAULT_RDAP_URL));
        assertThatThrownBy(() -> HostingTracer.open(settings, new FakeDns()))
                .isInstanceOf(TraceDatabaseException.class)
                .hasMessageStartingWith("trace.country.db: ");
    }

    @Test
    void swapped_or_missing_database_files_are_refused_by_name() {
        TraceSettings swapped = new TraceSettings(Optional.of(TraceFixtures.countryDb(dir)), Optional.empty(), false,
                URI.create(TraceSettings.DEFAULT_RDAP_URL));
        assertThatThrownBy(() -> HostingTracer.open(swapped, new FakeDns()))
                .isInstanceOf(TraceDatabaseException.class)
                .hasMessageContaining("is a 'GeoLite2-Country' database, not ASN");
        TraceSettings missing = new TraceSettings(Optional.of(dir.resolve("nope.mmdb")), Optional.empty(), false,
                URI.create(TraceSettings.DEFAULT_RDAP_URL));
        assertThatThrownBy(() -> HostingTracer.open(missing, new FakeDns()))
                .isInstanceOf(TraceDatabaseException.class)
                .hasMessage("trace.asn.db: no database file at " + dir.resolve("nope.mmdb"));
    }

    @Test
    void an_ipv4_only_database_answers_nothing_for_ipv6_addresses() {
        Path v4 = MmdbWriter.ipv4("GeoLite2-Country").network("192.0.2.0/24", MmdbWriter.country("IT"))
                .write(dir.resolve("v4.mmdb"));
        DnsLookup dns = new FakeDns().address("files.example", "2001:db8::1", "192.0.2.1");
        try (HostingTracer t = tracer(new TraceSettings(Optional.empty(), Optional.of(v4), false,
                URI.create(TraceSettings.DEFAULT_RDAP_URL)), dns)) {
            Trace trace = t.trace("files.example");
            assertThat(trace.addresses()).extracting(IpInfo::country)
                    .containsExactly(Optional.empty(), Optional.of("IT"));
            assertThat(trace.method("COUNTRY_DB").orElseThrow().status()).isEqualTo(Status.OK);
        }
    }

    @Test
    void the_settings_turn_rdap_on_against_the_configured_service() {
        try (RdapServer rdap = new RdapServer().answer("example.com", RdapServer.REGISTRY_ANSWER)) {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("trace.rdap", "on");
            p.setProperty("trace.rdap.url", rdap.base() + "/bootstrap");
            DnsLookup dns = new FakeDns().address("cdn.img.example.com", "192.0.2.1");
            try (HostingTracer t = HostingTracer.open(TraceSettings.fromProperties(p), dns)) {
                Trace trace = t.trace("cdn.img.example.com");
                assertThat(trace.registrar().map(Registrar::name)).contains("Example Registrar, Inc.");
                assertThat(rdap.paths).containsExactly("/bootstrap/domain/example.com", "/domain/example.com");
            }
        }
    }

    @Test
    void only_the_first_addresses_are_looked_up() {
        FakeDns dns = new FakeDns();
        for (int i = 1; i <= 40; i++) {
            dns.address("many.example", "192.0.2." + i);
        }
        try (HostingTracer t = tracer(TraceFixtures.both(dir), dns)) {
            Trace trace = t.trace("many.example");
            assertThat(trace.addresses()).hasSize(HostingTracer.MAX_ADDRESSES);
            assertThat(trace.method("DNS").orElseThrow().detail()).isEqualTo("0 CNAME, 40 addresses");
        }
    }
}
