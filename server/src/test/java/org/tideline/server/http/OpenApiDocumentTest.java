package org.tideline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.TestServer;
import org.tideline.server.access.Permission;
import org.tideline.server.store.DatabaseConfig;

/**
 * The OpenAPI document ({@code /openapi.json}) against what the server really serves: the same routes, both
 * ways; bearer security and a 401 on every route that needs a key and none on the public ones; every reference
 * and path parameter resolvable. Reference: OpenAPI Specification 3.1.0 (spec.openapis.org/oas/v3.1.0).
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    @TempDir
    static Path data;

    static TestServer server;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, DatabaseConfig.embedded(data));
        TestServer.Reply reply = server.get(null, "/openapi.json");
        assertThat(reply.status()).as("GET /openapi.json without a key").isEqualTo(200);
        doc = new ObjectMapper().readTree(reply.body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void is_served_without_a_key_and_parses_as_openapi_3_1() {
        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Tideline");
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(server.get("tl_" + "A".repeat(43), "/openapi.json").status())
                .as("a public route ignores a bad key").isEqualTo(200);
    }

    @Test
    void documents_exactly_the_routes_served() {
        List<String> served = server.server().http().routeList();
        assertThat(served).as("routes registered twice").doesNotHaveDuplicates();
        Set<String> documented = operations().keySet();
        assertThat(documented).as("documented but not served").isSubsetOf(served);
        assertThat(served).as("served but not documented").isSubsetOf(documented);
    }

    @Test
    void protected_routes_declare_bearer_and_401_and_public_ones_no_security() {
        Set<String> publicRoutes = new HashSet<>(server.server().http().publicRouteList());
        assertThat(publicRoutes).containsExactlyInAnyOrder("GET /health/live", "GET /health/ready",
                "GET /openapi.json", "POST /v1/login");
        JsonNode global = doc.path("security");
        SoftAssertions soft = new SoftAssertions();
        operations().forEach((route, op) -> {
            JsonNode security = op.has("security") ? op.get("security") : global;
            if (publicRoutes.contains(route)) {
                soft.assertThat(op.has("security") && op.get("security").isEmpty()).as(route + " security: []")
                        .isTrue();
                soft.assertThat(op.has("x-tideline-permission")).as(route + " needs no permission").isFalse();
            } else {
                soft.assertThat(requiresBearer(security)).as(route + " requires bearer").isTrue();
                soft.assertThat(op.path("responses").has("401")).as(route + " declares 401").isTrue();
                soft.assertThat(op.path("x-tideline-permission").asText()).as(route + " names its permission")
                        .isIn(permissionNames());
            }
        });
        soft.assertAll();
    }

    @Test
    void every_reference_resolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        for (String ref : refs) {
            soft.assertThat(ref).startsWith("#/");
            soft.assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse();
        }
        soft.assertAll();
    }

    @Test
    void path_parameters_are_declared_and_operation_ids_unique() {
        SoftAssertions soft = new SoftAssertions();
        Set<String> ids = new HashSet<>();
        operations().forEach((route, op) -> {
            String path = route.substring(route.indexOf(' ') + 1);
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = PATH_PARAM.matcher(path);
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p;
                if (param.path("in").asText().equals("path")) {
                    declared.add(param.path("name").asText());
                    soft.assertThat(param.path("required").asBoolean()).as(route + " " + param.path("name")).isTrue();
                }
            }
            soft.assertThat(declared).as(route + " path parameters").isEqualTo(inTemplate);
            soft.assertThat(ids.add(op.path("operationId").asText())).as(route + " operationId unique").isTrue();
            soft.assertThat(op.path("responses").size()).as(route + " responses").isPositive();
        });
        soft.assertAll();
    }

    /** "METHOD /path" to operation, for every operation in the document. */
    static Map<String, JsonNode> operations() {
        return operations(doc);
    }

    static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                out.put(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), method.getValue());
            }
        }));
        return out;
    }

    private static boolean requiresBearer(JsonNode security) {
        if (!security.isArray() || security.isEmpty()) {
            return false;
        }
        for (JsonNode alternative : security) {
            if (!alternative.has("bearer")) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> permissionNames() {
        Set<String> names = new HashSet<>();
        for (Permission p : Permission.values()) {
            names.add(p.name());
        }
        names.add("ANY");
        names.add("OPERATOR_ADMIN"); // deployment-wide settings: Caller.operatesDeployment()
        names.add("OPERATOR_OVERSIGHT"); // deployment-wide figures: Caller.overseesDeployment()
        return names;
    }

    private static void collectRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    into.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, into));
        }
    }
}
