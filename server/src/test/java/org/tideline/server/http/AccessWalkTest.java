package org.tideline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.media.MediaHashes;
import org.tideline.server.TestImages;
import org.tideline.server.TestServer;
import org.tideline.server.TestServer.Reply;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Role;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;
import org.tideline.server.http.AccessTable.Fixture;
import org.tideline.server.http.AccessTable.Need;
import org.tideline.server.http.AccessTable.Row;
import org.tideline.server.http.AccessTable.Scope;
import org.tideline.server.http.AccessTable.Target;
import org.tideline.server.store.DatabaseConfig;

/**
 * Walks every served route with no key, an invalid key, each role of the organisation that owns the data, and
 * each role of a foreign organisation, against {@link AccessTable}: what each route needs and what its path names.
 * The table is the access specification; a route served without a row fails the walk.
 *
 * <p>The rule walked (BankService's class comment): a bank is seen only by its owner and those it is shared
 * with; anything a caller may not see answers exactly as if it did not exist (so the foreign organisation's
 * answer is compared with the answer for a bank, entry or key that truly does not exist); only the owner
 * changes a bank (403 to those it is shared with).
 */
class AccessWalkTest {

    private static final String OWNER = "Walk Owner Org";
    private static final String FOREIGN = "Walk Foreign Org";
    private static final String SECRET_BANK = "OWNER_SECRET_BANK";
    private static final String FOREIGN_BANK = "FOREIGN_OWN_BANK";
    private static final String GHOST_BANK = "NO_SUCH_BANK";
    private static final long GHOST_ID = 987_654_321L;
    private static final String INVALID_KEY = "tl_" + "A".repeat(43);
    private static final long IMAGE_SEED = 1;

    @TempDir
    static Path data;

    static TestServer server;
    static Map<Role, String> owner = new EnumMap<>(Role.class);
    static Map<Role, String> foreign = new EnumMap<>(Role.class);
    static Caller ownerAdmin;
    static Caller foreignAdmin;
    static byte[] image;
    static String secretPdq;
    static Target secret;
    static Map<String, JsonNode> documented;
    static final AtomicInteger SEQ = new AtomicInteger();

    static List<Row> table;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, DatabaseConfig.embedded(data));
        for (Role role : Role.values()) {
            owner.put(role, server.newOrgKey(OWNER, role));
            foreign.put(role, server.newOrgKey(FOREIGN, role));
        }
        ownerAdmin = server.caller(OWNER, Role.ADMIN);
        foreignAdmin = server.caller(FOREIGN, Role.ADMIN);
        image = TestImages.png(IMAGE_SEED);
        MediaHashes hashes = new MediaHasher().hash(image);
        secretPdq = hashes.pdq().hash().toHex();
        server.services().banks().createBank(ownerAdmin, BankSettings.named(SECRET_BANK));
        long entry = server.services().banks().addContent(ownerAdmin, SECRET_BANK, new NewContent(
                Map.of(SignalType.PDQ, secretPdq, SignalType.SHA256, hashes.digests().sha256()),
                Optional.of(hashes.pdq().quality()), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                true)).id();
        secret = new Target(SECRET_BANK, entry, server.services().access().createApiKey(OWNER, Role.MATCHER, "k").id());
        server.services().banks().createBank(foreignAdmin, BankSettings.named(FOREIGN_BANK));
        try (InputStream in = AccessWalkTest.class.getResourceAsStream("/openapi.json")) {
            documented = OpenApiDocumentTest.operations(new ObjectMapper().readTree(in));
        }
        table = AccessTable.rows(new Fixture(server, image, secretPdq, () -> "WALK_NEW_" + SEQ.incrementAndGet(),
                AccessWalkTest::newMd5));
        server.awaitIndex();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void every_served_route_has_exactly_one_row() {
        List<String> rows = table.stream().map(Row::route).toList();
        assertThat(rows).doesNotHaveDuplicates();
        assertThat(rows).as("rows of the access table vs routes served")
                .containsExactlyInAnyOrderElementsOf(server.server().http().routeList());
    }

    @Test
    void the_table_agrees_with_the_documented_permissions() {
        SoftAssertions soft = new SoftAssertions();
        for (Row row : table) {
            JsonNode op = documented.get(row.route());
            soft.assertThat(op).as(row.route() + " documented").isNotNull();
            if (op != null) {
                soft.assertThat(Optional.ofNullable(op.get("x-tideline-permission")).map(JsonNode::asText))
                        .as(row.route() + " x-tideline-permission").isEqualTo(row.need().documented());
            }
        }
        soft.assertAll();
    }

    @Test
    void without_a_key_or_with_an_invalid_one_only_public_routes_answer() {
        SoftAssertions soft = new SoftAssertions();
        for (Row row : table) {
            for (String key : new String[] {null, INVALID_KEY}) {
                String who = key == null ? "no key" : "an invalid key";
                Reply reply = call(row, key, secret);
                if (row.need() == Need.PUBLIC) {
                    expect(soft, row, who, reply, row.success());
                } else {
                    expect(soft, row, who, reply, 401);
                    soft.assertThat(errorCode(reply)).as(row.route() + " with " + who).isEqualTo("unauthorised");
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void each_role_of_the_owner_gets_the_answer_its_permissions_allow() {
        SoftAssertions soft = new SoftAssertions();
        for (Row row : table) {
            for (Role role : Role.values()) {
                Target target = row.destroys() ? freshOwnerTarget() : secret;
                Reply reply = call(row, owner.get(role), target);
                String who = OWNER + " " + role.label();
                if (row.need().grantedTo(role, true)) {
                    expect(soft, row, who, reply, row.success());
                } else {
                    expect(soft, row, who, reply, 403);
                    soft.assertThat(errorCode(reply)).as(row.route() + " as " + who).isEqualTo("forbidden");
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void a_foreign_organisation_is_answered_as_if_the_owners_data_did_not_exist() {
        SoftAssertions soft = new SoftAssertions();
        for (Row row : table) {
            for (Role role : Role.values()) {
                String who = FOREIGN + " " + role.label();
                switch (row.scope()) {
                    case OWN, DEPLOYMENT -> foreignOwnView(soft, row, role, who);
                    case BANK, ENTRY, KEY -> foreignNamingTheOwners(soft, row, role, who);
                }
            }
        }
        soft.assertAll();
        assertThat(server.get(owner.get(Role.ANALYST), "/v1/banks/" + SECRET_BANK + "/entries/" + secret.entry())
                .status()).as("the owner's entry survived the walk").isEqualTo(200);
    }

    /** An organisation-level route: the foreign organisation's own view, with nothing of the owner's in it. */
    private static void foreignOwnView(SoftAssertions soft, Row row, Role role, String who) {
        Reply reply = call(row, foreign.get(role), secret);
        expect(soft, row, who, reply, row.need().grantedTo(role, false) ? row.success() : 403);
        soft.assertThat(reply.body()).as(row.route() + " as " + who + " mentions the owner")
                .doesNotContain(SECRET_BANK).doesNotContain(OWNER);
        if (isJson(reply) && row.need() != Need.PUBLIC) { // the document's own examples hold match items
            soft.assertThat(matchesIn(reply.json())).as(row.route() + " as " + who + " matches").isEmpty();
        }
    }

    /** A route naming the owner's bank, entry or key: answered exactly as one that does not exist. */
    private static void foreignNamingTheOwners(SoftAssertions soft, Row row, Role role, String who) {
        String key = foreign.get(role);
        int refused = row.need().grantedTo(role, false) ? 404 : 403;
        Target aimed = row.destroys() ? freshOwnerTarget() : secret;
        Target ghost = row.scope() == Scope.KEY ? new Target(GHOST_BANK, 0, GHOST_ID)
                : new Target(GHOST_BANK, aimed.entry(), 0);
        Reply reply = call(row, key, aimed);
        expect(soft, row, who, reply, refused);
        soft.assertThat(answer(reply, row.scope(), aimed))
                .as(row.route() + " as " + who + " vs one that does not exist")
                .isEqualTo(answer(call(row, key, ghost), row.scope(), ghost));
        if (row.scope() == Scope.ENTRY) {
            // The owner's entry through a bank the foreign organisation does own.
            Target viaOwnBank = new Target(FOREIGN_BANK, aimed.entry(), 0);
            Target ghostEntry = new Target(FOREIGN_BANK, GHOST_ID, 0);
            Reply viaOwn = call(row, key, viaOwnBank);
            expect(soft, row, who + " via its own bank", viaOwn, refused);
            soft.assertThat(answer(viaOwn, Scope.ENTRY, viaOwnBank))
                    .as(row.route() + " as " + who + " vs a ghost entry")
                    .isEqualTo(answer(call(row, key, ghostEntry), Scope.ENTRY, ghostEntry));
        }
    }

    @Test
    void what_the_owner_matches_the_foreign_organisation_does_not() {
        String lookup = "/m/lookup?signal_type=pdq&signal=" + secretPdq;
        assertThat(server.get(owner.get(Role.MATCHER), lookup).json().has(SECRET_BANK)).isTrue();
        assertThat(server.get(foreign.get(Role.MATCHER), lookup).body()).isEqualTo("{}");
        String raw = "/m/raw_lookup?signal_type=pdq&signal=" + secretPdq;
        assertThat(server.get(owner.get(Role.MATCHER), raw).json().get("matches")).isNotEmpty();
        assertThat(server.get(foreign.get(Role.MATCHER), raw).json().get("matches")).isEmpty();
        assertThat(matchesIn(server.upload(owner.get(Role.MATCHER), "/v1/lookup/file", "photo", image).json()))
                .isNotEmpty();
        assertThat(matchesIn(server.upload(foreign.get(Role.MATCHER), "/v1/lookup/file", "photo", image).json()))
                .isEmpty();
    }

    @Test
    void sharing_with_the_foreign_organisation_lets_it_read_and_match_but_not_write() throws Exception {
        String sharer = "Walk Sharing Org";
        String sharerAdmin = server.newOrgKey(sharer, Role.ADMIN);
        String bank = "SHARED_WITH_FOREIGN";
        assertThat(server.json(sharerAdmin, "POST", "/v1/banks", "{\"name\":\"" + bank + "\"}").status())
                .isEqualTo(201);
        MediaHashes hashes = new MediaHasher().hash(TestImages.png(IMAGE_SEED + 1));
        String pdq = hashes.pdq().hash().toHex();
        Reply added = server.json(sharerAdmin, "POST", "/v1/banks/" + bank + "/entries",
                "{\"signals\":{\"pdq\":\"" + pdq + "\"},\"force\":true}");
        assertThat(added.status()).isEqualTo(201);
        Target shared = new Target(bank, added.json().get("id").asLong(), 0);
        Target ghost = new Target(bank, GHOST_ID, 0);

        Reply patched = server.json(sharerAdmin, "PATCH", "/v1/banks/" + bank,
                "{\"sharing\":\"organisations\",\"shared_with\":[\"" + FOREIGN + "\"]}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("sharing").asText()).isEqualTo("organisations");
        server.awaitIndex();

        SoftAssertions soft = new SoftAssertions();
        for (Row row : table) {
            if (row.scope() != Scope.BANK && row.scope() != Scope.ENTRY) {
                continue;
            }
            for (Role role : Role.values()) {
                String who = FOREIGN + " " + role.label() + " on a shared bank";
                boolean write = row.need() == Need.BANK_WRITE;
                int expected = !row.need().grantedTo(role, false) || write ? 403 : row.success();
                Reply reply = call(row, foreign.get(role), shared);
                expect(soft, row, who, reply, expected);
                if (expected == 403) {
                    soft.assertThat(errorCode(reply)).as(row.route() + " as " + who).isEqualTo("forbidden");
                }
                if (row.scope() == Scope.ENTRY && row.need().grantedTo(role, false) && !write) {
                    // Another bank's entry through the shared bank's path: as if it did not exist.
                    Target elsewhere = new Target(bank, secret.entry(), 0);
                    soft.assertThat(answer(call(row, foreign.get(role), elsewhere), Scope.ENTRY, elsewhere))
                            .as(row.route() + " as " + who + ", the owner's private entry")
                            .isEqualTo(answer(call(row, foreign.get(role), ghost), Scope.ENTRY, ghost));
                }
            }
        }
        soft.assertAll();

        String reader = foreign.get(Role.ANALYST);
        JsonNode seen = server.get(reader, "/v1/banks/" + bank).json();
        assertThat(seen.get("owner").asText()).isEqualTo(sharer);
        assertThat(seen.has("shared_with_ids")).as("who else it is shared with is the owner's business").isFalse();
        JsonNode lookup = server.json(reader, "POST", "/v1/lookup",
                "{\"signal_type\":\"pdq\",\"signals\":[\"" + pdq + "\"]}").json();
        assertThat(lookup.at("/results/0/matches/0/entry_id").asLong()).isEqualTo(shared.entry());
        assertThat(server.get(reader, "/m/lookup?signal_type=pdq&signal=" + pdq).json().has(bank)).isTrue();
        JsonNode unchanged = server.get(sharerAdmin, "/v1/banks/" + bank + "/entries").json().get("entries");
        assertThat(unchanged).as("the foreign organisation's writes changed nothing").hasSize(1);
        assertThat(unchanged.get(0).get("enabled").asBoolean()).isTrue();

        assertThat(server.json(sharerAdmin, "PATCH", "/v1/banks/" + bank, "{\"sharing\":\"private\"}").status())
                .isEqualTo(200);
        server.awaitIndex();
        assertThat(server.get(reader, "/v1/banks/" + bank).status()).as("unshared").isEqualTo(404);
        assertThat(server.get(reader, "/m/lookup?signal_type=pdq&signal=" + pdq).body()).isEqualTo("{}");
    }

    private static Reply call(Row row, String key, Target target) {
        if (row.need() == Need.PUBLIC || row.need() == Need.ANY_KEY) {
            server.awaitIndex(); // readiness and /status depend on the index having caught up
        }
        return row.call().send(key, target);
    }

    /** Checks the status, that an error is JSON, and that the document declares the status for the route. */
    private static void expect(SoftAssertions soft, Row row, String who, Reply reply, int status) {
        String as = row.route() + " as " + who;
        soft.assertThat(reply.status()).as(as + ": " + reply.body()).isEqualTo(status);
        if (reply.status() >= 400) {
            soft.assertThat(isJson(reply) && reply.json().has("message") && reply.json().has("error"))
                    .as(as + " error body is {message, error}: " + reply.body()).isTrue();
        }
        JsonNode op = documented.get(row.route());
        if (op != null) {
            soft.assertThat(op.path("responses").has(Integer.toString(reply.status())))
                    .as(as + ": status " + reply.status() + " documented").isTrue();
        }
    }

    /**
     * Status, error code and message, with the name of what the route's path names (bank, entry or key) replaced,
     * for comparing two answers.
     */
    private static String answer(Reply reply, Scope scope, Target target) {
        if (!isJson(reply) || !reply.json().has("message")) {
            return reply.status() + " " + reply.body();
        }
        String message = reply.json().get("message").asText();
        message = switch (scope) {
            case KEY -> message.replaceAll("\\b" + target.key() + "\\b", "{key}");
            case ENTRY -> message.replace(target.bank(), "{bank}")
                    .replaceAll("\\b" + target.entry() + "\\b", "{entry}");
            default -> message.replace(target.bank(), "{bank}");
        };
        return reply.status() + " " + reply.json().get("error").asText() + " " + message;
    }

    private static String errorCode(Reply reply) {
        return isJson(reply) ? reply.json().path("error").asText() : "(not JSON: " + reply.body() + ")";
    }

    private static boolean isJson(Reply reply) {
        String body = reply.body().stripLeading();
        return body.startsWith("{") || body.startsWith("[");
    }

    /** Every match item anywhere in an answer (HMA's bank maps and ids, /v1's matches). */
    private static List<JsonNode> matchesIn(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        collectMatches(node, out);
        return out;
    }

    private static void collectMatches(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            if (node.has("bank_content_id") || node.has("entry_id")) {
                out.add(node);
                return;
            }
            node.properties().forEach(e -> {
                if (e.getKey().equals("matches") && e.getValue().isArray()) {
                    e.getValue().forEach(out::add);
                } else {
                    collectMatches(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectMatches(n, out));
        }
    }

    /** A bank of the owner's with one entry, and a key of the owner's, for a call that destroys its target. */
    private static Target freshOwnerTarget() {
        String name = "WALK_FRESH_" + SEQ.incrementAndGet();
        server.services().banks().createBank(ownerAdmin, BankSettings.named(name));
        long entry = server.services().banks().addContent(ownerAdmin, name,
                NewContent.of(Map.of(SignalType.MD5, newMd5()))).id();
        long key = server.services().access().createApiKey(OWNER, Role.MATCHER, "walk").id();
        return new Target(name, entry, key);
    }

    private static String newMd5() {
        return String.format("%032x", 0xabcdef00L + SEQ.incrementAndGet());
    }
}
