package org.tideline.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.media.MediaHashes;
import org.tideline.server.MovableClock;
import org.tideline.server.TestImages;
import org.tideline.server.TestServer;
import org.tideline.server.access.Caller;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;
import org.tideline.server.hotline.notice.TestSmtpServer;
import org.tideline.server.hotline.takedown.TakedownSettings;
import org.tideline.server.hotline.trace.MmdbWriter;
import org.tideline.server.hotline.triage.ReportCategory;
import org.tideline.server.hotline.triage.SiteType;
import org.tideline.server.store.DatabaseConfig;
import org.tideline.server.store.Sql;

/**
 * After confirmation, as durable jobs with the clock moved forward: known illegal material reported at a URL is
 * confirmed by the banks alone, traced (to test .mmdb files: AS64500, Italy), referred to the police webhook, its
 * notice recorded (no transport configured), and re-checked 12 hours later until the page is gone.
 */
class TakedownWorkflowTest {

    @TempDir
    Path data;

    @Test
    void aConfirmedUrlIsTracedReferredNotifiedAndCheckedUntilItIsGone() throws Exception {
        byte[] image = TestImages.png(301);
        Path asn = MmdbWriter.ipv6("GeoLite2-ASN").network("127.0.0.0/8", MmdbWriter.asn(64500, "Test Hosting"))
                .write(data.resolve("asn.mmdb"));
        Path country = MmdbWriter.ipv6("GeoLite2-Country").network("127.0.0.0/8", MmdbWriter.country("IT"))
                .write(data.resolve("country.mmdb"));
        Properties p = new Properties();
        p.setProperty("trace.asn.db", asn.toString());
        p.setProperty("trace.country.db", country.toString());
        p.setProperty("abuse.AS64500", "abuse@test-hosting.example");
        p.setProperty("takedown.check.hours", "12");
        MovableClock clock = new MovableClock(Instant.now());
        try (TestSite site = TestSite.start(); TestSite police = TestSite.start();
                TestSmtpServer smtp = TestSmtpServer.start()) {
            p.setProperty("notice.smtp.host", "127.0.0.1");
            p.setProperty("notice.smtp.port", Integer.toString(smtp.port()));
            p.setProperty("notice.smtp.starttls", "false");
            p.setProperty("notice.from", "notices@hotline.example");
            site.file("/x.png", "image/png", image).gallery("/page.html", "/x.png");
            HotlineSettings settings = HotlineSettings.defaults()
                    .withCaptureAllow(List.of("127.0.0.0/8", "::1/128"))
                    .withForward(new ForwardRecipient("Polizia Postale (test)",
                            Optional.of(URI.create(police.url("/referrals"))), Optional.empty()))
                    .withTakedown(TakedownSettings.fromProperties(p));
            settings = new HotlineSettings(settings.mode(), settings.organisation(), "IT", settings.helplines(),
                    settings.forward(), settings.mediaKeyFile(), settings.retention(), settings.captureAllow(),
                    settings.sessionRevealLimit(), settings.breakLength(), settings.reportsPerDay(), settings.bank(),
                    settings.national(), settings.takedown());
            try (TestServer server = TestServer.start(data, DatabaseConfig.embedded(data), settings, clock)) {
                var services = server.services();
                services.access().createOrganisation("Takedown Hotline", OrgType.HOTLINE);
                Caller admin = server.caller("Takedown Hotline", Role.ADMIN);
                services.banks().createBank(admin, BankSettings.named("KNOWN_ILLEGAL"));
                MediaHashes h = new MediaHasher().hash(image);
                services.banks().addContent(admin, "KNOWN_ILLEGAL", new NewContent(
                        Map.of(SignalType.SHA256, h.digests().sha256()), Optional.empty(), Optional.empty(),
                        Optional.empty(), HotlineFlowTest.ILLEGAL.toMap(), Optional.empty(), false));
                server.awaitIndex();

                // Reported by IP literal so the trace needs no DNS.
                String url = site.url("/page.html").replace("localhost", "127.0.0.1");
                services.hotline().submitPublic(new NewReport(List.of(url), SiteType.WEBSITE, ReportCategory.CSAM,
                        false, Optional.empty(), Optional.empty(), "en"), "192.0.2.10");
                HotlineWork.awaitIdle(services);
                runJobs(services);

                awaitTraced(services, clock);
                Map<String, Object> t = services.db().transaction(c -> Sql.one(c, "SELECT * FROM hotline_takedown",
                        rs -> {
                            Map<String, Object> m = new java.util.HashMap<>();
                            m.put("country", rs.getString("hosting_country"));
                            m.put("host", rs.getString("hosting_host"));
                            m.put("route", rs.getString("route"));
                            m.put("state", rs.getString("state"));
                            return m;
                        })).orElseThrow();
                assertThat(t).containsEntry("country", "IT").containsEntry("host", "Test Hosting")
                        .containsEntry("route", "DOMESTIC").containsEntry("state", "OPEN");
                assertThat(handoffs(services)).contains("REFERRAL:SENT", "NOTICE:SENT");
                assertThat(smtp.received()).singleElement().satisfies(m -> {
                    assertThat(m.recipients()).containsExactly("abuse@test-hosting.example");
                    assertThat(m.content()).contains("preserv");
                });
                assertThat(police.posted()).singleElement().satisfies(body ->
                        assertThat(new String(body, StandardCharsets.UTF_8)).contains("/page.html"));

                // Twelve hours on, the page is still there: the check reschedules itself.
                clock.advance(Duration.ofHours(13));
                runJobs(services);
                assertThat(state(services)).isEqualTo("OPEN");
                site.remove("/page.html");
                clock.advance(Duration.ofHours(13));
                runJobs(services);
                assertThat(state(services)).isEqualTo("REMOVED");
                // Removed before the day was out: the re-notice was cancelled, so a day on nothing more is sent.
                int sent = smtp.received().size();
                clock.advance(Duration.ofDays(2));
                runJobs(services);
                assertThat(smtp.received()).hasSize(sent);
                long checks = services.db().transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM hotline_removal_check"));
                assertThat(checks).isEqualTo(2);
                var figures = services.hotline().statistics(admin, clock.instant().minus(Duration.ofDays(10)),
                        clock.instant().plusSeconds(1), 1);
                assertThat(figures.overall().figures()).containsEntry("removed", "1")
                        .containsEntry("referred", "1");
            }
        }
    }

    static void runJobs(org.tideline.server.Services services) {
        for (int i = 0; i < 20 && services.hotline().jobs().runDue() > 0; i++) {
            // run follow-up jobs scheduled by the ones just run
        }
    }

    /** The background runner may hold the trace job; wait for its result rather than racing it. */
    static void awaitTraced(org.tideline.server.Services services, MovableClock clock) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            // The database keeps microseconds: a job stamped "now" can round up past a clock that never moves.
            clock.advance(Duration.ofMillis(1));
            runJobs(services);
            long pending = services.db().transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM job WHERE state IN"
                    + " ('SCHEDULED', 'RUNNING') AND run_at <= ?", Instant.now().plus(Duration.ofMinutes(1))));
            long traced = services.db().transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM hotline_takedown"
                    + " WHERE route IS NOT NULL"));
            if (traced > 0 && pending == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("jobs: " + services.db().transaction(c -> Sql.list(c,
                "SELECT kind, state, last_error, run_at, attempts FROM job", rs -> rs.getString(1) + ":" + rs.getString(2)
                        + ":" + rs.getString(3) + ":" + rs.getString(4) + ":" + rs.getInt(5))) + " clock " + Instant.now());
    }

    static String state(org.tideline.server.Services services) {
        return services.db().transaction(c -> Sql.one(c, "SELECT state FROM hotline_takedown",
                rs -> rs.getString(1)).orElseThrow());
    }

    static List<String> handoffs(org.tideline.server.Services services) {
        return services.db().transaction(c -> Sql.list(c, "SELECT kind, state FROM hotline_handoff ORDER BY id",
                rs -> rs.getString(1) + ":" + rs.getString(2)));
    }
}
