package org.tideline.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.TestServer;
import org.tideline.server.TestServer.Reply;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.store.DatabaseConfig;
import org.tideline.server.store.Sql;

/**
 * The hotline's web pages and partner API refusing what they must: bad reports (every problem named, nothing
 * stored), a reporter over the daily allowance, forged or session-less analyst actions, people outside the hotline,
 * and partners asking about reports that are not theirs.
 */
class HotlineHttpTest {

    static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    static Path data;
    static TestServer server;
    static String partnerKey;
    static String otherPartnerKey;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, DatabaseConfig.embedded(data),
                HotlineSettings.defaults().withReportsPerDay(3));
        var access = server.services().access();
        access.createOrganisation("HTTP Hotline", OrgType.HOTLINE);
        access.createUser("HTTP Hotline", "anna", PASSWORD, Role.ANALYST);
        access.createUser("HTTP Hotline", "matt", PASSWORD, Role.MATCHER);
        access.createOrganisation("Platform", OrgType.COMPANY);
        access.createUser("Platform", "paula", PASSWORD, Role.ADMIN);
        partnerKey = server.newOrgKey("Platform", Role.CURATOR);
        otherPartnerKey = server.newOrgKey("Other Platform", Role.ANALYST);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long reports() {
        return server.services().db().transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM hotline_report"));
    }

    static HttpResponse<String> post(HttpClient client, String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void theFormNamesEveryProblemKeepsWhatWasTypedAndStoresNothing() throws Exception {
        long before = reports();
        HttpResponse<String> r = post(browser(), "/report", Map.of("lang", "en",
                "urls", "https://ok.example/a\njavascript:alert(1)\nfile:///etc/passwd", "email", "not-an-address",
                "description", "x".repeat(NewReport.MAX_DESCRIPTION + 1)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Line 2 is not a web address").contains("Line 3 is not a web address")
                .contains("Please choose where you saw it").contains("Please choose what it is")
                .contains("e-mail address does not look right").contains("description is too long")
                .contains("https://ok.example/a") // what was typed is shown again, escaped
                .doesNotContain("<script");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
        assertThat(reports()).isEqualTo(before);

        HttpResponse<String> empty = post(browser(), "/report", Map.of("lang", "it", "urls", "  \n ",
                "site", "WEBSITE", "category", "CSAM"));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("Inserisci almeno un indirizzo web");
        HttpResponse<String> tooMany = post(browser(), "/report", Map.of("urls", "https://a.example/x\n".repeat(21),
                "site", "WEBSITE", "category", "CSAM"));
        assertThat(tooMany.body()).contains("at most 20");
        HttpResponse<String> huge = post(browser(), "/report", Map.of("urls", "https://a.example/x",
                "site", "WEBSITE", "category", "CSAM", "description", "x".repeat(300_000)));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("too large");
        HttpResponse<String> forged = post(browser(), "/report", Map.of("urls", "https://a.example/x",
                "site", "SPACESHIP", "category", "<b>CSAM</b>"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(reports()).isEqualTo(before);
    }

    @Test
    void theLanguageFollowsTheBrowserUnlessSwitched() throws Exception {
        HttpClient client = browser();
        assertThat(get(client, "/report", "Accept-Language", "it-IT,it;q=0.9,en;q=0.5").body())
                .contains("<html lang=\"it\"").contains("Segnala");
        assertThat(get(client, "/report", "Accept-Language", "de-DE,fr;q=0.9").body()).contains("<html lang=\"en\"");
        assertThat(get(client, "/report?lang=it", "Accept-Language", "en").body()).contains("<html lang=\"it\"");
        // Remembered in a cookie for the next page.
        assertThat(get(client, "/report", "Accept-Language", "en").body()).contains("<html lang=\"it\"");
    }

    @Test
    void aReporterOverTheDailyAllowanceIsToldToComeBackTomorrowAndNothingIsStored() throws Exception {
        // Another test class's reports may share this server's allowance: use a fresh hotline intake limiter by
        // counting from whatever is left (the allowance is 3 here).
        HttpClient client = browser();
        int accepted = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = post(client, "/report", Map.of("urls", "https://limit.example/" + i, "site", "WEBSITE",
                    "category", "CSAM"));
            accepted += last.statusCode() == 200 ? 1 : 0;
        }
        assertThat(accepted).isLessThanOrEqualTo(3);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.body()).contains("try again tomorrow");
    }

    @Test
    void analystPagesNeedASessionAndAFormFromTideline() throws Exception {
        HttpClient anonymous = browser();
        HttpResponse<String> queue = get(anonymous, "/hotline");
        assertThat(queue.statusCode()).isEqualTo(303);
        assertThat(queue.headers().firstValue("Location")).contains("/hotline/login");
        assertThat(post(anonymous, "/hotline/reports/1/outcome", Map.of("outcome", "ILLEGAL")).statusCode())
                .isEqualTo(401);
        assertThat(get(anonymous, "/hotline/items/1/preview").statusCode()).isEqualTo(401);

        HttpClient anna = loggedIn("anna");
        assertThat(get(anna, "/hotline").statusCode()).isEqualTo(200);
        // A POST without the anti-forgery value (as another site would send) is refused.
        HttpResponse<String> forged = post(anna, "/hotline/break", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(post(anna, "/hotline/break", Map.of("csrf", "0".repeat(32))).statusCode()).isEqualTo(403);
        assertThat(get(anna, "/hotline/reports/999999").statusCode()).isEqualTo(404);
        assertThat(get(anna, "/hotline/reports/not-a-number").statusCode()).isEqualTo(404);
        assertThat(post(browser(), "/hotline/login", Map.of("username", "anna", "password", "wrong password!!"))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void peopleOutsideTheHotlineOrWithoutTheAnalystRoleSeeNoCasework() throws Exception {
        assertThat(get(loggedIn("matt"), "/hotline").statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = get(loggedIn("paula"), "/hotline");
        assertThat(foreign.statusCode()).isEqualTo(404);
    }

    @Test
    void partnersFileReportsAndFollowUpOnlyTheirOwn() {
        Reply filed = server.json(partnerKey, "POST", "/v1/hotline/reports",
                "{\"urls\":[\"hxxps://evil[.]example/gallery?utm_source=x\"],\"site\":\"file_sharing\","
                        + "\"category\":\"csam\",\"imminent_risk\":true}");
        assertThat(filed.status()).isEqualTo(201);
        assertThat(filed.json().get("priority").asText()).isEqualTo("IMMINENT_RISK");
        String reference = filed.json().get("reference").asText();
        Reply status = server.get(partnerKey, "/v1/hotline/reports/" + reference);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("reference").asText()).isEqualTo(reference);
        Reply other = server.get(otherPartnerKey, "/v1/hotline/reports/" + reference);
        Reply ghost = server.get(otherPartnerKey, "/v1/hotline/reports/TL-0000-0000");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).isEqualTo(ghost.body());

        Reply bad = server.json(partnerKey, "POST", "/v1/hotline/reports",
                "{\"urls\":[\"https://fine.example/\", \"ftp://nope\"],\"site\":\"website\",\"category\":\"csam\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("problems").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(bad.body()).doesNotContain("ftp://nope");
        assertThat(server.json(partnerKey, "POST", "/v1/hotline/reports",
                "{\"urls\":[\"https://fine.example/\"],\"site\":\"website\",\"category\":\"csam\",\"photo\":\"x\"}")
                .status()).isEqualTo(400);
        assertThat(server.json(partnerKey, "POST", "/v1/hotline/reports", "[1,2]").status()).isEqualTo(400);
        assertThat(server.json(partnerKey, "POST", "/v1/hotline/reports",
                "{\"urls\":\"https://fine.example/\",\"site\":\"website\",\"category\":\"csam\"}").status())
                .isEqualTo(400);
        assertThat(server.json(null, "POST", "/v1/hotline/reports", "{}").status()).isEqualTo(401);
        String matcher = server.newOrgKey("Platform", Role.MATCHER);
        assertThat(server.json(matcher, "POST", "/v1/hotline/reports", "{}").status()).isEqualTo(403);
    }

    @Test
    void theHotlinesKnownUrlListRaisesThePriorityOfReportsAboutListedSites() {
        String curator = server.newOrgKey("HTTP Hotline", Role.CURATOR);
        String report = "{\"urls\":[\"https://listed.example/x\"],\"site\":\"website\",\"category\":\"csam\"}";
        assertThat(server.json(partnerKey, "POST", "/v1/hotline/reports", report).json().get("priority").asText())
                .isEqualTo("NORMAL");
        // A partner's own list does not change the hotline's triage.
        assertThat(server.json(partnerKey, "POST", "/v1/hotline/known-urls",
                "{\"host\":\"listed.example\",\"kind\":\"known_benign\"}").status()).isEqualTo(201);
        Reply listed = server.json(curator, "POST", "/v1/hotline/known-urls",
                "{\"host\":\"LISTED.example.\",\"kind\":\"known_abuse\",\"note\":\"dedicated site\"}");
        assertThat(listed.status()).isEqualTo(201);
        assertThat(listed.json().get("host").asText()).isEqualTo("listed.example");
        String reportB = report.replace("/x", "/y");
        assertThat(server.json(partnerKey, "POST", "/v1/hotline/reports", reportB).json().get("priority").asText())
                .isEqualTo("HIGH");
        assertThat(server.get(curator, "/v1/hotline/known-urls").json().get("entries")).hasSize(1);
        assertThat(server.json(curator, "POST", "/v1/hotline/known-urls",
                "{\"host\":\"listed.example\",\"kind\":\"none\"}").status()).isEqualTo(204);
        assertThat(server.get(curator, "/v1/hotline/known-urls").json().get("entries")).isEmpty();
        assertThat(server.json(curator, "POST", "/v1/hotline/known-urls",
                "{\"url\":\"javascript:alert(1)\",\"kind\":\"known_abuse\"}").status()).isEqualTo(400);
        assertThat(server.json(curator, "POST", "/v1/hotline/known-urls",
                "{\"url\":\"https://a.example/\",\"host\":\"a.example\",\"kind\":\"known_abuse\"}")
                .status()).isEqualTo(400);
    }

    static HttpClient loggedIn(String user) throws Exception {
        HttpClient client = browser();
        HttpResponse<String> r = post(client, "/hotline/login", Map.of("username", user,
                "password", new String(PASSWORD)));
        assertThat(r.statusCode()).as("login of " + user).isEqualTo(303);
        return client;
    }
}
