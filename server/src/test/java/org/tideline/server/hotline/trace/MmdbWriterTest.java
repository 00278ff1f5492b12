package org.tideline.server.hotline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.db.Reader;
import java.io.File;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test .mmdb writer, read back with MaxMind's own reader (com.maxmind.db 4.1.0). */
class MmdbWriterTest {

    @TempDir
    Path dir;

    @Test
    void an_ipv6_database_answers_ipv4_and_ipv6_lookups_as_written() throws Exception {
        Path file = MmdbWriter.ipv6("GeoLite2-ASN")
                .buildEpoch(Instant.parse("2026-02-03T04:05:06Z"))
                .description("round trip")
                .network("192.0.2.0/24", MmdbWriter.asn(64500, "Example Hosting"))
                .network("192.0.2.128/25", MmdbWriter.asn(64501, "Inner Network"))
                .network("198.51.100.7", MmdbWriter.asn(4_200_000_000L, "Big Number"))
                .network("2001:db8::/32", MmdbWriter.asn(64502, "Example Six"))
                .write(dir.resolve("asn.mmdb"));

        try (Reader reader = new Reader(file.toFile())) {
            var meta = reader.getMetadata();
            assertThat(meta.ipVersion()).isEqualTo(6);
            assertThat(meta.recordSize()).isEqualTo(24);
            assertThat(meta.databaseType()).isEqualTo("GeoLite2-ASN");
            assertThat(meta.binaryFormatMajorVersion()).isEqualTo(2);
            assertThat(meta.binaryFormatMinorVersion()).isZero();
            assertThat(meta.buildTime()).isEqualTo(Instant.parse("2026-02-03T04:05:06Z"));
            assertThat(meta.description()).containsEntry("en", "round trip");
            assertThat(meta.languages()).containsExactly("en");

            assertThat(lookup(reader, "192.0.2.1"))
                    .containsEntry("autonomous_system_number", 64500L)
                    .containsEntry("autonomous_system_organization", "Example Hosting");
            assertThat(lookup(reader, "192.0.2.200")).containsEntry("autonomous_system_number", 64501L);
            assertThat(lookup(reader, "198.51.100.7")).containsEntry("autonomous_system_number", 4_200_000_000L);
            assertThat(lookup(reader, "198.51.100.8")).isNull();
            assertThat(lookup(reader, "2001:db8:1::5")).containsEntry("autonomous_system_organization", "Example Six");
            assertThat(lookup(reader, "2001:db9::1")).isNull();
            assertThat(reader.getRecord(InetAddress.ofLiteral("192.0.2.1"), Map.class).network().prefixLength())
                    .isEqualTo(25);
        }
    }

    @Test
    void an_ipv4_database_round_trips_nested_maps_lists_and_every_number_width() throws Exception {
        Map<String, Object> record = Map.of(
                "country", Map.of("iso_code", "IT", "names", Map.of("en", "Italy", "it", "Italia")),
                "small", 7, "medium", 70_000, "large", 5_000_000_000L, "negative", -3, "flag", true,
                "ratio", 0.5, "tags", List.of("a", "b"), "long_text", "x".repeat(300), "zero", 0);
        Path file = MmdbWriter.ipv4("Tideline-Test")
                .network("203.0.113.0/24", record)
                .network("10.0.0.0/8", MmdbWriter.country("NL"))
                .write(dir.resolve("v4.mmdb"));

        try (Reader reader = new Reader(file.toFile())) {
            assertThat(reader.getMetadata().ipVersion()).isEqualTo(4);
            Map<String, Object> got = lookup(reader, "203.0.113.9");
            assertThat(got.get("country")).isEqualTo(Map.of("iso_code", "IT", "names", Map.of("en", "Italy", "it", "Italia")));
            assertThat(got).containsEntry("small", 7).containsEntry("medium", 70_000L)
                    .containsEntry("large", BigInteger.valueOf(5_000_000_000L)).containsEntry("negative", -3)
                    .containsEntry("flag", true).containsEntry("ratio", 0.5).containsEntry("tags", List.of("a", "b"))
                    .containsEntry("long_text", "x".repeat(300)).containsEntry("zero", 0);
            assertThat(lookup(reader, "10.1.2.3")).extractingByKey("country").isEqualTo(Map.of("iso_code", "NL",
                    "names", Map.of("en", "NL")));
            assertThat(lookup(reader, "8.8.8.8")).isNull();
        }
    }

    @Test
    void an_empty_database_is_valid_and_knows_nothing() throws Exception {
        Path file = MmdbWriter.ipv6("Empty").write(dir.resolve("empty.mmdb"));
        try (Reader reader = new Reader(new File(file.toString()))) {
            assertThat(reader.getMetadata().nodeCount()).isEqualTo(1);
            assertThat(lookup(reader, "192.0.2.1")).isNull();
        }
    }

    @Test
    void refuses_ipv6_networks_in_an_ipv4_database() {
        assertThatThrownBy(() -> MmdbWriter.ipv4("X").network("2001:db8::/32", Map.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lookup(Reader reader, String ip) throws Exception {
        return reader.get(InetAddress.ofLiteral(ip), Map.class);
    }
}
