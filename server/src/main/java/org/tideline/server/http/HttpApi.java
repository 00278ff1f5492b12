package org.tideline.server.http;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tideline.server.ApiException;
import org.tideline.server.Services;
import org.tideline.server.access.Caller;

/**
 * The HTTP server: Javalin on Jetty, API-key authentication on every route but the probes and the API document,
 * and one JSON error shape ({@code {"message": ..., "error": ...}}, HMA's {@code message} plus a stable code) for
 * every refusal.
 *
 * <p>Logs carry the method, the route pattern (never the concrete path, which may hold a hash or an id), the
 * status and the time: never bodies, query strings, uploaded media or keys.
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** Limits and placement. */
    public record Settings(String host, int port, long maxUploadBytes) {
        public static Settings defaults() {
            return new Settings("127.0.0.1", 8080, 50L * 1024 * 1024);
        }
    }

    private final Javalin app;
    private final List<RouteTable.Route> routes;

    private HttpApi(Javalin app, List<RouteTable.Route> routes) {
        this.app = app;
        this.routes = routes;
    }

    public static HttpApi create(Services services, Settings settings) {
        Lookups lookups = new Lookups(services, services.metrics());
        RouteTable[] table = new RouteTable[1];
        Javalin app = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxUploadBytes() + (1 << 20);
            config.jetty.multipartConfig.maxFileSize(settings.maxUploadBytes(), SizeUnit.BYTES);
            // Uploads stay in memory up to the limit: no temporary file of an upload is ever written.
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE,
                    settings.maxUploadBytes()), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxUploadBytes() + (1 << 20), SizeUnit.BYTES);
            config.startup.showJavalinBanner = false;
            Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
            config.requestLogger.http((ctx, ms) -> record(services, timers, ctx, ms));
            RouteTable r = new RouteTable(config.routes);
            table[0] = r;
            new OpsRoutes(services).register(r);
            new HmaRoutes(services, lookups, settings.maxUploadBytes()).register(r);
            new V1Routes(services, lookups, settings.maxUploadBytes()).register(r);
            new HotlineRoutes(services.hotline()).register(r);
            new ReportPages(services.hotline()).register(r);
            new AnalystPages(services).register(r);
            Set<String> publicPaths = r.routes().stream().filter(RouteTable.Route::public_)
                    .map(RouteTable.Route::path).collect(Collectors.toSet());
            config.routes.before(ctx -> authenticate(services, ctx, publicPaths));
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.kind().status(), code(e.kind()),
                    e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 413 ? "too_large" : "invalid", e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), route(ctx), e);
                error(ctx, 500, "internal", "internal error; the server log has the details");
            });
            config.routes.error(404, "*", ctx -> {
                String type = ctx.res().getContentType();
                if (ctx.result() == null || ctx.result().isEmpty() || type == null || !type.contains("json")) {
                    error(ctx, 404, "not_found", "no such route: " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(405, "*", ctx -> error(ctx, 405, "method_not_allowed", "method not allowed"));
        });
        return new HttpApi(app, table[0].routes());
    }

    public HttpApi start() {
        app.start();
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** Every API route served (web pages apart), for the OpenAPI test. */
    public List<String> routeList() {
        return routes.stream().filter(r -> !r.page()).map(r -> r.method() + " " + r.path()).toList();
    }

    /** The API routes served without an API key, in the same form. */
    public List<String> publicRouteList() {
        return routes.stream().filter(r -> r.public_() && !r.page()).map(r -> r.method() + " " + r.path())
                .toList();
    }

    /** The web pages, in the same form. */
    public List<String> pageList() {
        return routes.stream().filter(RouteTable.Route::page).map(r -> r.method() + " " + r.path()).toList();
    }

    public void stop() {
        app.stop();
    }

    private static void authenticate(Services services, Context ctx, Set<String> publicPaths) {
        String path = ctx.path();
        if (publicPaths.contains(path) || RouteTable.PAGE_PREFIXES.stream().anyMatch(path::startsWith)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(ApiException.Kind.UNAUTHORISED,
                    "an API key is required: send Authorization: Bearer KEY");
        }
        Caller caller = services.access().authenticate(header.substring(7).trim()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return new ApiException(ApiException.Kind.UNAUTHORISED, "the API key is not valid (unknown or revoked)");
        });
        ctx.attribute(Requests.CALLER, caller);
    }

    private static void error(Context ctx, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("error", code);
        Json.write(ctx, status, body);
    }

    private static String code(ApiException.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Times a request under its method, route pattern and status; timers are built once, not per request. */
    private static void record(Services services, Map<String, Timer> timers, Context ctx, Float ms) {
        String route = route(ctx);
        String method = ctx.method().name();
        int status = ctx.statusCode();
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("tideline_http_requests")
                        .tag("method", method)
                        .tag("route", route)
                        .tag("status", Integer.toString(status))
                        .register(services.metrics()))
                .record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} {}ms", ctx.method(), route, ctx.statusCode(), Math.round(ms));
        }
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
