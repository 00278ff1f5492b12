package org.tideline.server.hotline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.server.TestDatabases;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/** Traces stored and read back whole, newest first, on the embedded H2 and on a real PostgreSQL. */
class TraceStoreTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_trace_reads_back_equal_and_a_re_trace_after_a_bounce_becomes_the_latest(TestDatabases.Engine engine) {
        try (Database db = Database.open(TestDatabases.fresh(engine, data))) {
            long url = db.transaction(TraceStoreTest::url);
            Trace confirmed = new Trace("www.shop.example", List.of("shop.example.edgekey.net", "e1.akamaiedge.net"),
                    List.of(new IpInfo(InetAddress.ofLiteral("198.51.100.20"), Optional.of(20940L),
                                    Optional.of("Akamai International B.V."), Optional.of("NL")),
                            new IpInfo(InetAddress.ofLiteral("2001:db8::20"), Optional.empty(), Optional.empty(),
                                    Optional.empty())),
                    Optional.of("Akamai"), Optional.of(new Registrar("Example Registrar, Inc.", Optional.of(9999L),
                            "shop.example")),
                    List.of(new MethodResult("DNS", MethodResult.Status.OK, "2 CNAME, 2 addresses", T0),
                            new MethodResult("ASN_DB", MethodResult.Status.OK, "1 of 2 addresses known", T0),
                            new MethodResult("COUNTRY_DB", MethodResult.Status.UNAVAILABLE, "no database configured",
                                    T0),
                            new MethodResult("CDN", MethodResult.Status.OK, "Akamai (CNAME into edgekey.net)", T0),
                            new MethodResult("RDAP", MethodResult.Status.OK, "registrar found", T0)),
                    T0);
            Trace bounced = new Trace("www.shop.example", List.of(),
                    List.of(new IpInfo(InetAddress.ofLiteral("192.0.2.9"), Optional.of(64500L),
                            Optional.of("Example Hosting Srl"), Optional.of("IT"))),
                    Optional.empty(), Optional.empty(),
                    List.of(new MethodResult("DNS", MethodResult.Status.OK, "0 CNAME, 1 addresses", T0)),
                    T0.plus(Duration.ofDays(3)));

            Optional<StoredTrace> none = db.transaction(c -> TraceStore.latest(c, url));
            assertThat(none).isEmpty();
            long first = db.transaction(c -> TraceStore.record(c, url, confirmed, "CONFIRMED"));
            StoredTrace stored = db.transaction(c -> TraceStore.latest(c, url)).orElseThrow();
            assertThat(stored.id()).isEqualTo(first);
            assertThat(stored.reason()).isEqualTo("CONFIRMED");
            assertThat(stored.trace()).isEqualTo(confirmed);

            db.transaction(c -> TraceStore.record(c, url, bounced, "BOUNCE"));
            StoredTrace latest = db.transaction(c -> TraceStore.latest(c, url)).orElseThrow();
            assertThat(latest.reason()).isEqualTo("BOUNCE");
            assertThat(latest.trace()).isEqualTo(bounced);
            List<StoredTrace> history = db.transaction(c -> TraceStore.history(c, url));
            assertThat(history).extracting(StoredTrace::reason).containsExactly("CONFIRMED", "BOUNCE");

            // The columns routing and statistics read: a CDN-fronted trace has no hosting country.
            List<String> columns = db.transaction(c -> Sql.list(c, "SELECT hosting_country, cdn, as_number, as_org"
                    + " FROM hotline_trace WHERE url_id = ? ORDER BY traced_at", rs -> rs.getString(1) + "|"
                    + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getString(4), url));
            assertThat(columns).containsExactly("null|Akamai|20940|Akamai International B.V.",
                            "IT|null|64500|Example Hosting Srl");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void traces_go_with_their_url_and_an_unknown_reason_is_refused(TestDatabases.Engine engine) {
        try (Database db = Database.open(TestDatabases.fresh(engine, data))) {
            long url = db.transaction(TraceStoreTest::url);
            Trace empty = new Trace("gone.example", List.of(), List.of(), Optional.empty(), Optional.empty(),
                    List.of(new MethodResult("DNS", MethodResult.Status.FAILED, "no such name (NXDOMAIN)", T0)), T0);
            assertThatThrownBy(() -> db.transaction(c -> TraceStore.record(c, url, empty, "WHENEVER")))
                    .isInstanceOf(IllegalArgumentException.class);
            db.transaction(c -> TraceStore.record(c, url, empty, "RECHECK"));
            assertThat(db.transaction(c -> TraceStore.latest(c, url)).orElseThrow().trace()).isEqualTo(empty);

            db.transaction(c -> Sql.update(c, "DELETE FROM hotline_url WHERE id = ?", url));
            long left = db.transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM hotline_trace"));
            assertThat(left).isZero();
        }
    }

    private static long url(java.sql.Connection c) throws java.sql.SQLException {
        long org = Sql.insert(c, "INSERT INTO organisation (name, type, created_at) VALUES ('Trace Hotline', 'HOTLINE', ?)",
                T0);
        long report = Sql.insert(c, "INSERT INTO hotline_report (org_id, reference, source, category, site_type,"
                + " language, priority, status, outcome, received_at, updated_at) VALUES"
                + " (?, 'TL-TRACE', 'PUBLIC', 'CSAM', 'WEBSITE', 'en', 2, 'CLOSED', 'ILLEGAL', ?, ?)", org, T0, T0);
        return Sql.insert(c, "INSERT INTO hotline_url (report_id, url, reported_url, url_key, host, status)"
                + " VALUES (?, 'u', 'u', 'k', 'www.shop.example', 'CAPTURED')", report);
    }
}
