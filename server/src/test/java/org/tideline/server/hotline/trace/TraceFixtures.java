package org.tideline.server.hotline.trace;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Test databases with documentation addresses (RFC 5737, RFC 3849) and private AS numbers (RFC 6996). */
final class TraceFixtures {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TraceFixtures() {}

    static Path asnDb(Path dir) {
        return MmdbWriter.ipv6("GeoLite2-ASN")
                .network("192.0.2.0/24", MmdbWriter.asn(64500, "Example Hosting Srl"))
                .network("198.51.100.0/24", MmdbWriter.asn(64501, "Other Hosting BV"))
                .network("2001:db8::/32", MmdbWriter.asn(64500, "Example Hosting Srl"))
                // Stands in for Cloudflare's address space: the number is what matters to CDN detection.
                .network("203.0.113.0/24", MmdbWriter.asn(13335, "CLOUDFLARENET"))
                .write(dir.resolve("asn.mmdb"));
    }

    static Path countryDb(Path dir) {
        return MmdbWriter.ipv6("GeoLite2-Country")
                .network("192.0.2.0/24", MmdbWriter.country("IT"))
                .network("198.51.100.0/24", MmdbWriter.country("NL"))
                .network("2001:db8::/32", MmdbWriter.country("IT"))
                .network("203.0.113.0/24", MmdbWriter.country("US"))
                .write(dir.resolve("country.mmdb"));
    }

    static TraceSettings both(Path dir) {
        return new TraceSettings(Optional.of(asnDb(dir)), Optional.of(countryDb(dir)), false,
                java.net.URI.create(TraceSettings.DEFAULT_RDAP_URL));
    }
}
