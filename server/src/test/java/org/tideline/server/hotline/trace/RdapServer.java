package org.tideline.server.hotline.trace;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local RDAP service for tests: {@code /domain/NAME} answers the canned JSON given for NAME, 404 otherwise;
 * {@code /bootstrap/domain/NAME} redirects to it, as rdap.org redirects to the registry.
 */
final class RdapServer implements AutoCloseable {

    /** Shaped like a gTLD registry's answer: the registrar entity holds an abuse contact entity of its own. */
    static final String REGISTRY_ANSWER = """
            {"objectClassName":"domain","ldhName":"EXAMPLE.COM","rdapConformance":["rdap_level_0"],
             "entities":[
               {"objectClassName":"entity","handle":"9999","roles":["registrar"],
                "publicIds":[{"type":"IANA Registrar ID","identifier":"9999"}],
                "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Example Registrar, Inc."]]],
                "entities":[{"objectClassName":"entity","roles":["abuse"],
                  "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Abuse Desk"],
                    ["email",{},"text","abuse@registrar.example"]]]}]}],
             "events":[{"eventAction":"registration","eventDate":"2020-01-01T00:00:00Z"}]}
            """;

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    final List<String> paths = new CopyOnWriteArrayList<>();

    RdapServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            if (path.startsWith("/bootstrap/domain/")) {
                exchange.getResponseHeaders().add("Location", "/domain/" + path.substring("/bootstrap/domain/".length()));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            String name = path.startsWith("/domain/") ? path.substring("/domain/".length()) : "";
            int status = statuses.getOrDefault(name, answers.containsKey(name) ? 200 : 404);
            byte[] body = (status == 200 ? answers.get(name) : "{\"errorCode\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rdap+json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    RdapServer answer(String domain, String json) {
        answers.put(domain, json);
        return this;
    }

    RdapServer status(String domain, int status) {
        statuses.put(domain, status);
        return this;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
