package org.tideline.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tideline.server.Services;
import org.tideline.server.match.IndexStatus;

/**
 * Probes, metrics and the API document. {@code /health/live} answers as long as the process serves HTTP (so an
 * orchestrator never restart-loops a server that is still loading); {@code /health/ready} only once the index
 * has loaded and caught up with the database. HMA's {@code /status} pair is kept too, behind an API key.
 */
final class OpsRoutes {

    private final Services services;
    private final byte[] openApi;

    OpsRoutes(Services services) {
        this.services = services;
        try (InputStream in = OpsRoutes.class.getResourceAsStream("/openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json missing from the server jar", e);
        }
    }

    void register(RouteTable r) {
        r.publicGet("/health/live", ctx -> Json.write(ctx, 200, Map.of("status", "live")));
        r.publicGet("/health/ready", this::ready);
        r.publicGet("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        r.get("/metrics", ctx -> {
            if (!Requests.caller(ctx).overseesDeployment()) {
                throw org.tideline.server.ApiException.forbidden(
                        "deployment metrics are for the operating organisation's admins and auditors");
            }
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(services.metrics().scrape());
        });
        r.get("/status", this::status);
        r.get("/status/live", ctx -> {
            Requests.caller(ctx);
            ctx.contentType("text/plain").result("I-AM-ALIVE");
        });
    }

    private void ready(Context ctx) {
        IndexStatus s = services.matcher().status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", s.caughtUp() ? "ready" : "loading");
        out.put("index_loaded", s.loaded());
        out.put("applied_change", s.appliedSeq());
        out.put("newest_change", s.headSeq());
        services.matcher().failure().ifPresent(f -> out.put("error", "index failed to load; see the server log"));
        Json.write(ctx, s.caughtUp() ? 200 : 503, out);
    }

    private void status(Context ctx) {
        Requests.caller(ctx);
        IndexStatus s = services.matcher().status();
        if (!s.loaded()) {
            ctx.status(503).contentType("text/plain").result("INDEX-NOT-LOADED");
        } else if (s.polledAt().isBefore(java.time.Instant.now().minusSeconds(65))) {
            ctx.status(503).contentType("text/plain").result("INDEX-STALE");
        } else {
            ctx.contentType("text/plain").result("I-AM-ALIVE");
        }
    }
}
