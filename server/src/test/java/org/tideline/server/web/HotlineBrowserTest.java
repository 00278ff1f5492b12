package org.tideline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.media.MediaHashes;
import org.tideline.server.TestImages;
import org.tideline.server.TestServer;
import org.tideline.server.access.Caller;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;
import org.tideline.server.hotline.ForwardRecipient;
import org.tideline.server.hotline.HotlineMode;
import org.tideline.server.hotline.HotlineSettings;
import org.tideline.server.hotline.HotlineWork;
import org.tideline.server.hotline.TestSite;
import org.tideline.server.store.DatabaseConfig;

/**
 * The hotline in Debian's chromium, as its users meet it: a member of the public filing a report in Italian with
 * JavaScript off; two analysts assessing and confirming it, with items blurred until revealed and an item a bank
 * already knows never shown; and a forward-only deployment showing no media anywhere.
 */
class HotlineBrowserTest {

    static final String HOTLINE = "Browser Hotline";
    static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    static Path data;
    @TempDir
    static Path forwardData;

    static WebBrowser browser;
    static TestSite site;

    @BeforeAll
    static void start() throws Exception {
        browser = WebBrowser.launch();
        site = TestSite.start();
        site.file("/known.png", "image/png", TestImages.png(201))
                .file("/new.png", "image/png", TestImages.png(202))
                .gallery("/gallery.html", "/known.png", "/new.png");
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    static HotlineSettings assessing() {
        return HotlineSettings.defaults().withCaptureAllow(List.of("127.0.0.0/8", "::1/128"))
                .withExposure(10, Duration.ZERO);
    }

    @Test
    void aReportFiledInItalianWithoutJavaScriptIsAssessedByOneAnalystAndConfirmedByAnother() throws Exception {
        try (TestServer server = TestServer.start(data, DatabaseConfig.embedded(data), assessing())) {
            var services = server.services();
            services.access().createOrganisation(HOTLINE, OrgType.HOTLINE);
            services.access().createUser(HOTLINE, "anna", PASSWORD, Role.ANALYST);
            services.access().createUser(HOTLINE, "bruno", PASSWORD, Role.ANALYST);
            Caller admin = server.caller(HOTLINE, Role.ADMIN);
            services.banks().createBank(admin, BankSettings.named("KNOWN_ITEMS"));
            MediaHashes known = new MediaHasher().hash(TestImages.png(201));
            services.banks().addContent(admin, "KNOWN_ITEMS", new NewContent(
                    Map.of(SignalType.PDQ, known.pdq().hash().toHex()), Optional.of(known.pdq().quality()),
                    Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), false));
            server.awaitIndex();

            // The public: Italian from the browser's language, no JavaScript, no upload field, a reference.
            String reference;
            try (BrowserContext publicCtx = browser.context("it-IT", false)) {
                Page form = publicCtx.newPage();
                form.navigate(server.base() + "/report");
                assertThat(form.locator("h1").textContent()).contains("Segnala");
                assertThat(form.locator("html").getAttribute("lang")).isEqualTo("it");
                assertThat(form.locator("input[type=file]").count()).isZero();
                assertThat(form.locator("aside").textContent()).contains("Telefono Azzurro").contains("19696");
                // Every field has a label.
                for (String id : List.of("urls", "site-WEBSITE", "category-CSAM", "imminent", "description", "email")) {
                    assertThat(form.locator("label[for=" + id + "]").count()).as(id).isEqualTo(1);
                }
                form.locator("#urls").fill(site.url("/gallery.html?utm_source=chat"));
                form.locator("#site-WEBSITE").check();
                form.locator("#category-CSAM").check();
                form.locator("#description").fill("visto in un gruppo");
                form.locator("button[type=submit]").press("Enter"); // by keyboard
                form.waitForLoadState();
                assertThat(form.locator("h1").textContent()).contains("Grazie");
                reference = form.locator("#reference").textContent().trim();
                assertThat(reference).matches("TL-[0-9A-Z]{4}-[0-9A-Z]{4}");
                // The language switch.
                form.navigate(server.base() + "/report?lang=en");
                assertThat(form.locator("h1").textContent()).contains("Report child sexual abuse");
            }
            HotlineWork.awaitIdle(services);

            // Anna: the queue, a blurred item, an explicit reveal, the attributes, the outcome.
            try (BrowserContext annaCtx = browser.context("en-GB", true)) {
                Page p = login(annaCtx, server, "anna");
                assertThat(p.locator("#queue").textContent()).contains(reference);
                p.locator("a", new Page.LocatorOptions().setHasText(reference)).click();
                assertThat(p.locator("#reference").textContent()).isEqualTo(reference);
                assertThat(p.locator("#urls").textContent()).contains("/gallery.html").doesNotContain("utm_source");
                assertThat(p.locator("[data-state=KNOWN] img").count()).as("a known item is never shown").isZero();
                assertThat(p.locator("[data-state=KNOWN]").textContent()).contains("KNOWN_ITEMS");
                assertThat(p.locator("img.blurred").count()).isEqualTo(1);
                assertThat(p.locator("img.revealed").count()).isZero();
                String preview = p.locator("img.blurred").getAttribute("src");
                APIResponse blurred = annaCtx.request().get(server.base() + preview);
                assertThat(blurred.status()).isEqualTo(200);
                assertThat(blurred.headers().get("content-type")).isEqualTo("image/png");
                assertThat((Boolean) p.locator("img.blurred").evaluate("i => i.complete && i.naturalWidth > 0"))
                        .isTrue();

                p.locator("button[name=reveal]").click();
                assertThat(p.locator("img.revealed").count()).isEqualTo(1);
                assertThat(p.locator("#exposure").textContent()).contains("revealed today 1");
                p.locator("select[name=ageBand]").selectOption("PREPUBESCENT");
                p.locator("select[name=pubertalStage]").selectOption("PREPUBESCENT");
                p.locator("select[name=depiction]").selectOption("REAL");
                p.locator("input[value=EROTIC_POSING]").check();
                p.locator("text=Save attributes").click();
                assertThat(p.locator(".verdicts").textContent()).contains("IWF=IWF_C");
                p.locator("#outcome-select").selectOption("ILLEGAL");
                p.locator("text=Record outcome").click();
                assertThat(p.locator("#awaiting").textContent()).contains("second analyst");
            }

            // Bruno confirms: the report closes.
            try (BrowserContext brunoCtx = browser.context("en-GB", true)) {
                Page p = login(brunoCtx, server, "bruno");
                p.locator("a", new Page.LocatorOptions().setHasText(reference)).click();
                p.locator("button", new Page.LocatorOptions().setHasText("Confirm")).click();
                assertThat(p.locator("#confirmed").textContent()).contains("bruno");
                assertThat(p.locator("#outcome").textContent()).contains("ILLEGAL");
            }
            assertThat(services.banks().contentPage(admin, "HOTLINE_CONFIRMED", 0, 10)).hasSize(1);
        }
    }

    @Test
    void forwardOnlyShowsNoMediaAnywhere() throws Exception {
        try (TestSite police = TestSite.start()) {
            HotlineSettings settings = assessing().withMode(HotlineMode.FORWARD_ONLY).withForward(
                    new ForwardRecipient("Polizia Postale (test)", Optional.of(URI.create(police.url("/in"))),
                            Optional.empty()));
            int before = site.requests();
            try (TestServer server = TestServer.start(forwardData, DatabaseConfig.embedded(forwardData), settings)) {
                var services = server.services();
                services.access().createOrganisation(HOTLINE, OrgType.HOTLINE);
                services.access().createUser(HOTLINE, "anna", PASSWORD, Role.ANALYST);
                String reference;
                try (BrowserContext publicCtx = browser.context("en-GB", false)) {
                    Page form = publicCtx.newPage();
                    form.navigate(server.base() + "/report");
                    form.locator("#urls").fill(site.url("/gallery.html"));
                    form.locator("#site-SOCIAL_NETWORK").check();
                    form.locator("#category-CSAM").check();
                    form.locator("button[type=submit]").click();
                    reference = form.locator("#reference").textContent().trim();
                    assertThat(form.content()).contains("we pass your report to the police");
                }
                HotlineWork.awaitIdle(services);
                assertThat(police.posted()).hasSize(1);
                try (BrowserContext annaCtx = browser.context("en-GB", true)) {
                    Page p = login(annaCtx, server, "anna");
                    assertThat(p.locator("img, video").count()).isZero();
                    assertThat(p.content()).contains("forward-only");
                    p.locator("a", new Page.LocatorOptions().setHasText(reference)).click();
                    assertThat(p.locator("img, video").count()).isZero();
                    assertThat(p.locator("#forwards").textContent()).contains("sent");
                    assertThat(annaCtx.request().get(server.base() + "/hotline/items/1/preview").status())
                            .isEqualTo(404);
                }
            }
            assertThat(site.requests()).as("nothing fetched from the reported site").isEqualTo(before);
        }
    }

    static Page login(BrowserContext ctx, TestServer server, String user) {
        Page p = ctx.newPage();
        p.navigate(server.base() + "/hotline");
        assertThat(p.url()).endsWith("/hotline/login");
        p.locator("#username").fill(user);
        p.locator("#password").fill(new String(PASSWORD));
        p.locator("button[type=submit]").click();
        p.waitForURL(server.base() + "/hotline");
        return p;
    }
}
