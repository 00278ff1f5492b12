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

    /** One served route, with the path in OpenAPI's {@code {param}} form (Javalin's form too). */
    record Route(String method, String path, boolean public_) {}

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

    List<Route> routes() {
        return List.copyOf(registered);
    }

    private void add(String method, String path, boolean isPublic) {
        registered.add(new Route(method.toUpperCase(Locale.ROOT), path, isPublic));
    }
}
