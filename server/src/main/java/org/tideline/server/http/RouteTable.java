package org.tideline.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Registers routes and remembers them, so that the OpenAPI document can be tested against what is really served.
 */
final class RouteTable {

    /**
     * One served route, with the path in OpenAPI's {@code {param}} form (Javalin's form too).
     *
     * @param page a web page for people (HTML, session cookie or no login), not part of the API document
     */
    record Route(String method, String path, boolean public_, boolean page) {}

    /** Where the web pages live; everything else is the API, which wants a key. */
    static final java.util.List<String> PAGE_PREFIXES = java.util.List.of("/report", "/hotline");

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    void get(String path, Handler h) {
        add("GET", path, false);
        routes.get(path, h);
    }

    void post(String path, Handler h) {
        add("POST", path, false);
        routes.post(path, h);
    }

    void put(String path, Handler h) {
        add("PUT", path, false);
        routes.put(path, h);
    }

    void patch(String path, Handler h) {
        add("PATCH", path, false);
        routes.patch(path, h);
    }

    void delete(String path, Handler h) {
        add("DELETE", path, false);
        routes.delete(path, h);
    }

    /** A route served without an API key (probes and the API document). */
    void publicGet(String path, Handler h) {
        add("GET", path, true);
        routes.get(path, h);
    }

    /** A POST served without an API key (logging in). */
    void publicPost(String path, Handler h) {
        add("POST", path, true);
        routes.post(path, h);
    }

    /**
     * A web page (under {@link #PAGE_PREFIXES}): no API key is asked for; a page that needs a person checks the
     * session cookie itself.
     */
    void page(String method, String path, Handler h) {
        if (PAGE_PREFIXES.stream().noneMatch(path::startsWith)) {
            throw new IllegalArgumentException("web pages live under " + PAGE_PREFIXES + ": " + path);
        }
        registered.add(new Route(method, path, true, true));
        switch (method) {
            case "GET" -> routes.get(path, h);
            case "POST" -> routes.post(path, h);
            default -> throw new IllegalArgumentException("pages answer GET and POST only");
        }
    }

    List<Route> routes() {
        return List.copyOf(registered);
    }

    private void add(String method, String path, boolean isPublic) {
        registered.add(new Route(method.toUpperCase(Locale.ROOT), path, isPublic, false));
    }
}
