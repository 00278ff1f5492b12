package org.tideline.server.http;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.tideline.server.TestServer;
import org.tideline.server.TestServer.Reply;
import org.tideline.server.access.Permission;
import org.tideline.server.access.Role;

/**
 * The access specification of every served route: the permission it needs, the status a permitted caller of the
 * owning organisation gets, what its path names (which decides what another organisation is told), and a valid
 * request, so that the status a walk sees is the access decision and not a validation error. Walked by
 * {@link AccessWalkTest}; a route served without a row fails it.
 */
final class AccessTable {

    private static final String WALKER_PASSWORD = "walking all the routes";

    /** A user to log in as, created on first use. */
    private static String walker(TestServer s) {
        var access = s.services().access();
        if (access.organisation("Walkers").isEmpty()) {
            access.createOrganisation("Walkers", org.tideline.server.access.OrgType.CIVIL_SOCIETY);
            access.createUser("Walkers", "walker", WALKER_PASSWORD.toCharArray(), Role.ANALYST);
        }
        return "walker";
    }

    /** What a route needs from the caller's role. */
    enum Need {
        PUBLIC, ANY_KEY, MATCH, BANK_READ, BANK_WRITE, AUDIT_READ, ORG_ADMIN, REPORT,
        /** An admin of the organisation operating the deployment (deployment-wide settings). */
        OPERATOR_ADMIN,
        /** An admin or auditor of the operating organisation (deployment-wide figures). */
        OPERATOR_OVERSIGHT;

        /** Whether a caller with {@code role}, of an organisation that is (or is not) the operator, gets through. */
        boolean grantedTo(Role role, boolean operator) {
            return switch (this) {
                case PUBLIC, ANY_KEY -> true;
                case OPERATOR_ADMIN -> operator && role == Role.ADMIN;
                case OPERATOR_OVERSIGHT -> operator && (role == Role.ADMIN || role == Role.AUDITOR);
                default -> role.grants(Permission.valueOf(name()));
            };
        }

        /** The document's {@code x-tideline-permission}; empty for a public route. */
        Optional<String> documented() {
            return switch (this) {
                case PUBLIC -> Optional.empty();
                case ANY_KEY -> Optional.of("ANY");
                default -> Optional.of(name());
            };
        }
    }

    /** What the route's path names, which decides what a foreign organisation is told. */
    enum Scope {
        /** Nothing of another organisation's: the caller gets its own organisation's view. */
        OWN,
        /** The whole deployment: only the operating organisation acts on it. */
        DEPLOYMENT,
        /** A bank, by name. */
        BANK,
        /** A bank and one of its entries. */
        ENTRY,
        /** One of the caller's organisation's API keys. */
        KEY
    }

    /** The bank, entry and key a call's path names. */
    record Target(String bank, long entry, long key) {}

    /** Sends a valid request for the route with {@code key} (null: none), aimed at {@code target}. */
    @FunctionalInterface
    interface Call {
        Reply send(String key, Target target);
    }

    /**
     * One route. {@code destroys}: a call deletes its target, so each call gets a fresh one.
     */
    record Row(String route, Need need, int success, Scope scope, boolean destroys, Call call) {}

    /** What the requests use: the server, an image and its PDQ hash held by the owner, fresh names. */
    record Fixture(TestServer server, byte[] image, String secretPdq, Supplier<String> newBankName,
            Supplier<String> newMd5) {}

    /** A partner's report; the address is in a documentation range, so capture refuses it at once. */
    static final String HOTLINE_REPORT = "{\"urls\":[\"http://192.0.2.1/walk\"],\"site\":\"website\","
            + "\"category\":\"csam\"}";

    private AccessTable() {}

    static List<Row> rows(Fixture f) {
        TestServer s = f.server();
        return List.of(
                row("GET /health/live", Need.PUBLIC, 200, Scope.OWN, (k, t) -> s.get(k, "/health/live")),
                row("GET /health/ready", Need.PUBLIC, 200, Scope.OWN, (k, t) -> s.get(k, "/health/ready")),
                row("GET /openapi.json", Need.PUBLIC, 200, Scope.OWN, (k, t) -> s.get(k, "/openapi.json")),
                row("GET /metrics", Need.OPERATOR_OVERSIGHT, 200, Scope.OWN, (k, t) -> s.get(k, "/metrics")),
                row("GET /status", Need.ANY_KEY, 200, Scope.OWN, (k, t) -> s.get(k, "/status")),
                row("GET /status/live", Need.ANY_KEY, 200, Scope.OWN, (k, t) -> s.get(k, "/status/live")),
                // Hashing by URL is refused by design: 400 to a caller allowed to hash.
                row("GET /h/hash", Need.MATCH, 400, Scope.OWN,
                        (k, t) -> s.get(k, "/h/hash?url=https%3A%2F%2Fexample.invalid%2Fa.png")),
                row("POST /h/hash", Need.MATCH, 200, Scope.OWN, (k, t) -> s.upload(k, "/h/hash", "photo", f.image())),
                row("GET /m/lookup", Need.MATCH, 200, Scope.OWN,
                        (k, t) -> s.get(k, "/m/lookup?signal_type=pdq&signal=" + f.secretPdq())),
                row("POST /m/lookup", Need.MATCH, 200, Scope.OWN,
                        (k, t) -> s.upload(k, "/m/lookup", "photo", f.image())),
                row("GET /m/raw_lookup", Need.MATCH, 200, Scope.OWN,
                        (k, t) -> s.get(k, "/m/raw_lookup?signal_type=pdq&signal=" + f.secretPdq())),
                row("GET /m/index/status", Need.MATCH, 200, Scope.OWN, (k, t) -> s.get(k, "/m/index/status")),
                row("POST /m/compare", Need.MATCH, 200, Scope.OWN, (k, t) -> s.json(k, "POST", "/m/compare",
                        "{\"pdq\":[\"" + f.secretPdq() + "\",\"" + f.secretPdq() + "\"]}")),
                row("GET /c/banks", Need.BANK_READ, 200, Scope.OWN, (k, t) -> s.get(k, "/c/banks")),
                row("POST /c/banks", Need.BANK_WRITE, 201, Scope.OWN,
                        (k, t) -> s.json(k, "POST", "/c/banks", "{\"name\":\"" + f.newBankName().get() + "\"}")),
                row("GET /c/bank/{name}", Need.BANK_READ, 200, Scope.BANK, (k, t) -> s.get(k, "/c/bank/" + t.bank())),
                row("PUT /c/bank/{name}", Need.BANK_WRITE, 200, Scope.BANK,
                        (k, t) -> s.json(k, "PUT", "/c/bank/" + t.bank(), "{\"enabled_ratio\":1.0}")),
                destroying("DELETE /c/bank/{name}", Need.BANK_WRITE, 200, Scope.BANK,
                        (k, t) -> s.delete(k, "/c/bank/" + t.bank())),
                row("POST /c/bank/{name}/signal", Need.BANK_WRITE, 200, Scope.BANK, (k, t) -> s.json(k, "POST",
                        "/c/bank/" + t.bank() + "/signal", "{\"md5\":\"" + f.newMd5().get() + "\"}")),
                row("POST /c/bank/{name}/content", Need.BANK_WRITE, 200, Scope.BANK,
                        (k, t) -> s.upload(k, "/c/bank/" + t.bank() + "/content", "photo", f.image())),
                row("GET /c/bank/{name}/content/{id}", Need.BANK_READ, 200, Scope.ENTRY,
                        (k, t) -> s.get(k, "/c/bank/" + t.bank() + "/content/" + t.entry())),
                row("PUT /c/bank/{name}/content/{id}", Need.BANK_WRITE, 200, Scope.ENTRY, (k, t) -> s.json(k, "PUT",
                        "/c/bank/" + t.bank() + "/content/" + t.entry(), "{\"disable_until_ts\":1}")),
                destroying("DELETE /c/bank/{name}/content/{id}", Need.BANK_WRITE, 200, Scope.ENTRY,
                        (k, t) -> s.delete(k, "/c/bank/" + t.bank() + "/content/" + t.entry())),
                row("GET /c/signal_type", Need.BANK_READ, 200, Scope.OWN, (k, t) -> s.get(k, "/c/signal_type")),
                row("GET /v1/banks", Need.BANK_READ, 200, Scope.OWN, (k, t) -> s.get(k, "/v1/banks")),
                row("POST /v1/banks", Need.BANK_WRITE, 201, Scope.OWN,
                        (k, t) -> s.json(k, "POST", "/v1/banks", "{\"name\":\"" + f.newBankName().get() + "\"}")),
                row("GET /v1/banks/{name}", Need.BANK_READ, 200, Scope.BANK,
                        (k, t) -> s.get(k, "/v1/banks/" + t.bank())),
                row("PATCH /v1/banks/{name}", Need.BANK_WRITE, 200, Scope.BANK,
                        (k, t) -> s.json(k, "PATCH", "/v1/banks/" + t.bank(), "{\"pdq_threshold\":31}")),
                destroying("DELETE /v1/banks/{name}", Need.BANK_WRITE, 204, Scope.BANK,
                        (k, t) -> s.delete(k, "/v1/banks/" + t.bank())),
                row("POST /v1/banks/{name}/import", Need.BANK_WRITE, 200, Scope.BANK, (k, t) -> s.send(k,
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base() + "/v1/banks/" + t.bank()
                                + "/import?format=csv")).header("Content-Type", "text/csv")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "sha256\n" + "ab".repeat(32) + "\n")))),
                row("GET /v1/banks/{name}/export", Need.BANK_READ, 200, Scope.BANK,
                        (k, t) -> s.get(k, "/v1/banks/" + t.bank() + "/export?format=csv")),
                row("GET /v1/banks/{name}/entries", Need.BANK_READ, 200, Scope.BANK,
                        (k, t) -> s.get(k, "/v1/banks/" + t.bank() + "/entries?limit=10")),
                row("POST /v1/banks/{name}/entries", Need.BANK_WRITE, 201, Scope.BANK, (k, t) -> s.json(k, "POST",
                        "/v1/banks/" + t.bank() + "/entries", "{\"signals\":{\"md5\":\"" + f.newMd5().get() + "\"}}")),
                row("GET /v1/banks/{name}/entries/{id}", Need.BANK_READ, 200, Scope.ENTRY,
                        (k, t) -> s.get(k, "/v1/banks/" + t.bank() + "/entries/" + t.entry())),
                row("PATCH /v1/banks/{name}/entries/{id}", Need.BANK_WRITE, 200, Scope.ENTRY, (k, t) -> s.json(k,
                        "PATCH", "/v1/banks/" + t.bank() + "/entries/" + t.entry(), "{\"enabled\":true}")),
                destroying("DELETE /v1/banks/{name}/entries/{id}", Need.BANK_WRITE, 204, Scope.ENTRY,
                        (k, t) -> s.delete(k, "/v1/banks/" + t.bank() + "/entries/" + t.entry())),
                row("POST /v1/lookup", Need.MATCH, 200, Scope.OWN, (k, t) -> s.json(k, "POST", "/v1/lookup",
                        "{\"signal_type\":\"pdq\",\"signals\":[\"" + f.secretPdq() + "\"]}")),
                row("POST /v1/lookup/file", Need.MATCH, 200, Scope.OWN,
                        (k, t) -> s.upload(k, "/v1/lookup/file", "photo", f.image())),
                row("GET /v1/index/status", Need.MATCH, 200, Scope.OWN, (k, t) -> s.get(k, "/v1/index/status")),
                // Switching on a type that is already on: the access decision without changing the deployment.
                row("PUT /v1/signal-types/{type}", Need.OPERATOR_ADMIN, 204, Scope.DEPLOYMENT,
                        (k, t) -> s.json(k, "PUT", "/v1/signal-types/sha256", "{\"enabled\":true}")),
                row("GET /v1/notifications", Need.BANK_READ, 200, Scope.OWN, (k, t) -> s.get(k, "/v1/notifications")),
                row("POST /v1/keys", Need.ORG_ADMIN, 201, Scope.OWN,
                        (k, t) -> s.json(k, "POST", "/v1/keys", "{\"role\":\"matcher\",\"label\":\"walk\"}")),
                destroying("DELETE /v1/keys/{id}", Need.ORG_ADMIN, 204, Scope.KEY,
                        (k, t) -> s.delete(k, "/v1/keys/" + t.key())),
                row("GET /v1/audit", Need.AUDIT_READ, 200, Scope.OWN, (k, t) -> s.get(k, "/v1/audit?limit=1000")),
                row("GET /v1/hotline/known-urls", Need.BANK_READ, 200, Scope.OWN,
                        (k, t) -> s.get(k, "/v1/hotline/known-urls")),
                row("POST /v1/hotline/known-urls", Need.BANK_WRITE, 201, Scope.OWN,
                        (k, t) -> s.json(k, "POST", "/v1/hotline/known-urls",
                                "{\"host\":\"walk.example\",\"kind\":\"known_abuse\"}")),
                row("GET /v1/hotline/media/retention", Need.OPERATOR_OVERSIGHT, 200, Scope.DEPLOYMENT,
                        (k, t) -> s.get(k, "/v1/hotline/media/retention")),
                row("GET /v1/hotline/statistics", Need.AUDIT_READ, 200, Scope.OWN,
                        (k, t) -> s.get(k, "/v1/hotline/statistics")),
                row("POST /v1/hotline/reports", Need.REPORT, 201, Scope.OWN,
                        (k, t) -> s.json(k, "POST", "/v1/hotline/reports", HOTLINE_REPORT)),
                // Files a report and follows it up with the same key: each organisation sees only its own reports.
                row("GET /v1/hotline/reports/{reference}", Need.REPORT, 200, Scope.OWN, (k, t) -> {
                    Reply filed = s.json(k, "POST", "/v1/hotline/reports", HOTLINE_REPORT);
                    String reference = filed.status() == 201 ? filed.json().get("reference").asText() : "TL-0000-0000";
                    return s.get(k, "/v1/hotline/reports/" + reference);
                }),
                row("GET /v1/audit/verify", Need.OPERATOR_OVERSIGHT, 200, Scope.OWN, (k, t) -> s.get(k, "/v1/audit/verify")),
                row("POST /v1/login", Need.PUBLIC, 200, Scope.OWN, (k, t) -> s.json(k, "POST", "/v1/login",
                        "{\"username\":\"" + walker(s) + "\",\"password\":\"" + WALKER_PASSWORD + "\"}")),
                row("POST /v1/logout", Need.ANY_KEY, 204, Scope.OWN, (k, t) -> s.json(k, "POST", "/v1/logout", "{}")));
    }

    private static Row row(String route, Need need, int success, Scope scope, Call call) {
        return new Row(route, need, success, scope, false, call);
    }

    private static Row destroying(String route, Need need, int success, Scope scope, Call call) {
        return new Row(route, need, success, scope, true, call);
    }
}
