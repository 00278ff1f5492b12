package org.tideline.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.media.MediaHashes;
import org.tideline.server.ApiException;
import org.tideline.server.TestDatabases;
import org.tideline.server.TestImages;
import org.tideline.server.TestServer;
import org.tideline.server.access.Caller;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.audit.AuditRecord;
import org.tideline.server.bank.BankContent;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;
import org.tideline.server.classification.Activity;
import org.tideline.server.classification.AgeBand;
import org.tideline.server.classification.Attributes;
import org.tideline.server.classification.Depiction;
import org.tideline.server.classification.PubertalStage;
import java.time.Instant;
import org.tideline.server.hotline.capture.FetchPolicy;
import org.tideline.server.hotline.capture.HostResolver;
import org.tideline.server.hotline.capture.SafeFetcher;
import org.tideline.server.hotline.takedown.RemovalCheck;
import org.tideline.server.hotline.takedown.Takedowns;
import org.tideline.server.hotline.triage.ReportCategory;
import org.tideline.server.store.Sql;
import org.tideline.server.hotline.triage.SiteType;

/**
 * The assessing hotline end to end, against both databases: a public report of a page on a local site, capture
 * with hash-before-humans (an item a bank knows never reaches the queue), two analysts, exposure limits, bank
 * entries from the confirmation, and the audit trail; then the data directory searched for the reporter's address
 * and for plaintext media.
 */
class HotlineFlowTest {

    static final String HOTLINE = "Test Hotline";
    static final char[] PASSWORD = "correct horse battery".toCharArray();
    static final Attributes ILLEGAL = new Attributes(AgeBand.PREPUBESCENT, PubertalStage.PREPUBESCENT,
            Set.of(Activity.EROTIC_POSING), Depiction.REAL, false);

    @TempDir
    Path data;

    static HotlineSettings settings() {
        return HotlineSettings.defaults().withCaptureAllow(List.of("127.0.0.0/8", "::1/128"))
                .withExposure(3, Duration.ZERO);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void aReportIsCapturedHashedAssessedByOneAnalystAndConfirmedByAnother(TestDatabases.Engine engine)
            throws Exception {
        byte[] known = TestImages.png(101);
        byte[] fresh1 = TestImages.png(102);
        byte[] fresh2 = TestImages.png(103);
        try (TestSite site = TestSite.start();
                TestServer server = TestServer.start(data, TestDatabases.fresh(engine, data), settings())) {
            site.file("/a.png", "image/png", known).file("/b.png", "image/png", fresh1)
                    .file("/c.png", "image/png", fresh2).gallery("/page.html", "/a.png", "b.png", "/c.png");
            var services = server.services();
            HotlineService hotline = services.hotline();
            var org = services.access().createOrganisation(HOTLINE, OrgType.HOTLINE);
            services.access().createUser(HOTLINE, "anna", PASSWORD, Role.ANALYST);
            services.access().createUser(HOTLINE, "bruno", PASSWORD, Role.ANALYST);
            Caller anna = services.access().login("anna", PASSWORD).orElseThrow();
            Caller bruno = services.access().login("bruno", PASSWORD).orElseThrow();
            Caller admin = server.caller(HOTLINE, Role.ADMIN);
            services.banks().createBank(admin, BankSettings.named("KNOWN_ITEMS"));
            MediaHashes knownHashes = new MediaHasher().hash(known);
            services.banks().addContent(admin, "KNOWN_ITEMS", new NewContent(
                    Map.of(SignalType.PDQ, knownHashes.pdq().hash().toHex()),
                    Optional.of(knownHashes.pdq().quality()), Optional.empty(), Optional.empty(), ILLEGAL.toMap(),
                    Optional.empty(), false));
            server.awaitIndex();

            Receipt receipt = hotline.submitPublic(new NewReport(List.of(site.url("/page.html")), SiteType.WEBSITE,
                    ReportCategory.CSAM, false, Optional.empty(), Optional.empty(), "en"), "198.51.100.77");
            assertThat(receipt.reference()).matches("TL-[0-9A-Z]{4}-[0-9A-Z]{4}");
            HotlineWork.awaitIdle(services);

            List<QueueEntry> queue = hotline.queue(anna);
            assertThat(queue).hasSize(1);
            assertThat(queue.getFirst().toAssess()).isEqualTo(2);
            assertThat(queue.getFirst().known()).isEqualTo(1);
            ReportView report = hotline.open(anna, queue.getFirst().id());
            assertThat(report.assignedTo()).contains("user:anna"); // opening a queued report takes it
            ItemView knownItem = report.items().stream().filter(i -> i.state() == ItemState.KNOWN).findFirst()
                    .orElseThrow();
            assertThat(knownItem.matchedBank()).contains("KNOWN_ITEMS");
            assertThat(knownItem.knownVerdicts().orElseThrow()).contains("IWF=");
            // Hash before humans: the known item is neither previewed nor revealable.
            assertThatThrownBy(() -> hotline.preview(anna, knownItem.id())).isInstanceOf(ApiException.class);
            assertThatThrownBy(() -> hotline.reveal(anna, knownItem.id())).isInstanceOf(ApiException.class);

            List<ItemView> fresh = report.items().stream().filter(i -> i.state() == ItemState.TO_ASSESS).toList();
            assertThat(fresh).hasSize(2);
            // Blurred preview: a PNG; the unblurred view only after an explicit reveal, and only for the revealer.
            assertThat(hotline.preview(anna, fresh.get(0).id())).startsWith(0x89, 'P', 'N', 'G');
            assertThatThrownBy(() -> hotline.revealed(anna, fresh.get(0).id())).isInstanceOf(ApiException.class);
            hotline.reveal(anna, fresh.get(0).id());
            assertThat(hotline.revealed(anna, fresh.get(0).id()).contentType()).isEqualTo("image/png");
            assertThatThrownBy(() -> hotline.revealed(bruno, fresh.get(0).id())).isInstanceOf(ApiException.class);
            assertThat(hotline.exposure(anna).revealsToday()).isEqualTo(1);

            // The session limit (3 here): the fourth reveal waits for a break.
            hotline.reveal(anna, fresh.get(1).id());
            hotline.reveal(anna, fresh.get(0).id());
            assertThat(hotline.exposure(anna).limitReached()).isTrue();
            assertThatThrownBy(() -> hotline.reveal(anna, fresh.get(1).id())).hasMessageContaining("break");
            hotline.endBreak(anna);
            hotline.reveal(anna, fresh.get(1).id());
            assertThat(hotline.exposure(anna).revealsToday()).isEqualTo(4);

            // Bruno cannot decide on a report Anna holds; Anna must assess every item before "illegal".
            assertThatThrownBy(() -> hotline.assess(bruno, fresh.get(0).id(), ILLEGAL))
                    .hasMessageContaining("assigned to");
            hotline.assess(anna, fresh.get(0).id(), ILLEGAL);
            assertThatThrownBy(() -> hotline.decide(anna, report.id(), Outcome.ILLEGAL))
                    .hasMessageContaining("still to assess");
            ItemView assessed = hotline.assess(anna, fresh.get(1).id(), ILLEGAL);
            assertThat(assessed.verdicts()).contains("IWF=IWF_C");
            hotline.decide(anna, report.id(), Outcome.ILLEGAL);

            // Two analysts: the assessor cannot confirm her own assessment.
            assertThatThrownBy(() -> hotline.confirm(anna, report.id())).hasMessageContaining("second analyst");
            assertThat(hotline.confirm(bruno, report.id())).isEqualTo(2);
            ReportView closed = hotline.open(bruno, report.id());
            assertThat(closed.status()).isEqualTo(ReportStatus.CLOSED);
            assertThat(closed.confirmedBy()).contains("user:bruno");
            List<BankContent> entries = services.banks().contentPage(admin, hotline.settings().bank(), 0, 10);
            assertThat(entries).hasSize(2);
            assertThat(entries.getFirst().provenance().sourceExchange()).contains("hotline");
            assertThat(entries.getFirst().signals()).containsKeys(SignalType.PDQ, SignalType.MD5, SignalType.SHA256);

            // Confirmed illegal: a takedown is open for the URL. The removal check sees the page, then its absence.
            var takedowns = services.db().transaction(c -> Takedowns.forReport(c, report.id()));
            assertThat(takedowns).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo("OPEN"));
            var checker = new RemovalCheck(SafeFetcher.create(FetchPolicy.defaults().withAllowList("127.0.0.0/8",
                    "::1/128"), HostResolver.system()));
            Set<String> confirmedSha = Set.of(fresh.get(0).sha256(), fresh.get(1).sha256());
            String pageUrl = site.url("/page.html");
            assertThat(checker.check(pageUrl, confirmedSha)).isEqualTo(RemovalCheck.Result.PRESENT);
            site.gallery("/page.html", "/a.png"); // the host removed the two confirmed images
            assertThat(checker.check(pageUrl, confirmedSha)).isEqualTo(RemovalCheck.Result.MEDIA_GONE);
            site.remove("/page.html");
            RemovalCheck.Result gone = checker.check(pageUrl, confirmedSha);
            assertThat(gone).isEqualTo(RemovalCheck.Result.PAGE_GONE);
            long takedownId = takedowns.getFirst().id();
            boolean removed = services.db().transaction(c -> Takedowns.checked(c, takedownId, gone, Instant.now()));
            assertThat(removed).isTrue();

            // The same image served again elsewhere: matched by the hotline's bank, closed as illegal without a
            // person looking, and a new takedown linked to the removed one.
            site.gallery("/mirror.html", "/b.png");
            hotline.submitPublic(new NewReport(List.of(site.url("/mirror.html")), SiteType.FILE_SHARING,
                    ReportCategory.CSAM, false, Optional.empty(), Optional.empty(), "en"), "198.51.100.78");
            HotlineWork.awaitIdle(services);
            long mirrorReport = services.db().transaction(c -> Sql.one(c,
                    "SELECT report_id FROM hotline_url WHERE url LIKE ?", rs -> rs.getLong(1), "%/mirror.html")
                    .orElseThrow());
            var reopened = services.db().transaction(c -> Takedowns.forReport(c, mirrorReport));
            assertThat(reopened).singleElement().satisfies(t -> assertThat(t.reuploadOf()).contains(takedownId));
            assertThat(hotline.queue(anna)).extracting(QueueEntry::id).doesNotContain(mirrorReport);

            // Retention: nothing is overdue now; every captured item is live, encrypted.
            var retention = hotline.verifyRetention();
            assertThat(retention.complete()).isTrue();
            assertThat(retention.live()).isEqualTo(4);

            // Every view, reveal and decision is on the audit chain.
            services.audit().flush();
            List<String> actions = services.audit().records(org.id(), 0, 1000).stream().map(r -> r.event().action())
                    .toList();
            assertThat(actions).contains("hotline.report.receive", "hotline.capture", "hotline.report.view",
                    "hotline.item.reveal", "hotline.item.view", "hotline.item.assess", "hotline.report.decide",
                    "hotline.report.confirm");
            assertThat(services.audit().verify().intact()).isTrue();

            // Nothing of the reporter's address and no plaintext media anywhere in the data directory.
            if (engine == TestDatabases.Engine.H2) {
                services.db().transaction(c -> c.createStatement().execute("CHECKPOINT SYNC"));
                assertThat(filesContaining(data, "198.51.100.77".getBytes(StandardCharsets.US_ASCII))).isEmpty();
                for (byte[] image : List.of(known, fresh1, fresh2)) {
                    assertThat(filesContaining(data, java.util.Arrays.copyOfRange(image, 16, 80))).isEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabases.Engine.class, names = "H2")
    void forwardOnlyFetchesNothingAndRecordsWhatWasSentAndWhen(TestDatabases.Engine engine) throws Exception {
        try (TestSite site = TestSite.start(); TestSite police = TestSite.start()) {
            site.file("/x.png", "image/png", TestImages.png(5)).gallery("/page.html", "/x.png");
            HotlineSettings settings = settings().withMode(HotlineMode.FORWARD_ONLY).withForward(
                    new ForwardRecipient("Polizia Postale (test)", Optional.of(java.net.URI.create(
                            police.url("/referrals"))), Optional.of("secret-token")));
            try (TestServer server = TestServer.start(data, TestDatabases.fresh(engine, data), settings)) {
                var services = server.services();
                services.access().createOrganisation(HOTLINE, OrgType.HOTLINE);
                services.access().createUser(HOTLINE, "anna", PASSWORD, Role.ANALYST);
                Caller anna = services.access().login("anna", PASSWORD).orElseThrow();
                HotlineService hotline = services.hotline();
                Receipt receipt = hotline.submitPublic(new NewReport(List.of(site.url("/page.html")),
                        SiteType.SOCIAL_NETWORK, ReportCategory.CSAM, false, Optional.of("seen twice"),
                        Optional.empty(), "it"), "203.0.113.9");
                assertThat(receipt.mode()).isEqualTo(HotlineMode.FORWARD_ONLY);
                HotlineWork.awaitIdle(services);

                assertThat(site.requests()).as("forward-only never fetches").isZero();
                assertThat(police.posted()).hasSize(1);
                String sent = new String(police.posted().getFirst(), StandardCharsets.UTF_8);
                assertThat(sent).contains(receipt.reference()).contains("/page.html").doesNotContain("203.0.113.9");
                ReportView view = hotline.open(anna, hotline.queue(anna).getFirst().id());
                assertThat(view.status()).isEqualTo(ReportStatus.FORWARDED);
                assertThat(view.items()).isEmpty();
                assertThat(view.forwards()).singleElement().satisfies(f -> {
                    assertThat(f.state()).isEqualTo("SENT");
                    assertThat(f.sentAt()).isPresent();
                    assertThat(f.payloadSha256()).contains(sha256(police.posted().getFirst()));
                });
                long items = services.db().transaction(c -> Sql.count(c,
                        "SELECT COUNT(*) FROM hotline_item"));
                assertThat(items).isZero();
            }
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Every file under {@code dir} whose bytes contain {@code needle}. */
    static List<Path> filesContaining(Path dir, byte[] needle) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return indexOf(Files.readAllBytes(f), needle) >= 0;
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
