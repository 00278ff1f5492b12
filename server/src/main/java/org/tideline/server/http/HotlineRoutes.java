package org.tideline.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tideline.server.ApiException;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Permission;
import org.tideline.server.hotline.HotlineService;
import org.tideline.server.hotline.KnownList;
import org.tideline.server.hotline.triage.BadUrl;
import org.tideline.server.hotline.triage.KnownUrl;
import org.tideline.server.hotline.NewReport;
import org.tideline.server.hotline.PartnerStatus;
import org.tideline.server.hotline.Receipt;
import org.tideline.server.hotline.ReportRejected;
import org.tideline.server.hotline.triage.ReportCategory;
import org.tideline.server.hotline.triage.SiteType;

/**
 * The hotline's intake for partners (hotlines, platforms) with API keys: the same intake as the public form, in
 * JSON, plus the status of the reports a partner filed.
 */
final class HotlineRoutes {

    private final HotlineService hotline;

    HotlineRoutes(HotlineService hotline) {
        this.hotline = hotline;
    }

    void register(RouteTable r) {
        r.post("/v1/hotline/reports", this::submit);
        r.get("/v1/hotline/reports/{reference}", this::status);
        r.get("/v1/hotline/known-urls", this::knownList);
        r.post("/v1/hotline/known-urls", this::putKnown);
        r.get("/v1/hotline/media/retention", this::retention);
        r.get("/v1/hotline/statistics", this::statistics);
    }

    /** Figures for transparency reports: JSON (default) or CSV, small cells suppressed. */
    private void statistics(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.AUDIT_READ);
        StatisticsQuery q = StatisticsQuery.of(ctx);
        var figures = hotline.statistics(caller, q.from(), q.to(), q.smallCell());
        if (q.csv()) {
            ctx.header("Content-Disposition", "attachment; filename=\"tideline-hotline-statistics.csv\"");
            ctx.contentType("text/csv; charset=utf-8").result(
                    org.tideline.server.hotline.stats.FiguresCsv.write(figures));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", figures.from().toString());
        out.put("to", figures.to().toString());
        out.put("small_cell", figures.smallCell());
        out.put("overall", figures.overall().figures());
        Map<String, Object> breakdowns = new LinkedHashMap<>();
        figures.breakdowns().forEach((dimension, rows) -> {
            Map<String, Object> byValue = new LinkedHashMap<>();
            rows.forEach(row -> byValue.put(row.value(), row.figures()));
            breakdowns.put(dimension, byValue);
        });
        out.put("by", breakdowns);
        Json.write(ctx, 200, out);
    }

    /** Proof from the rows themselves that retention was applied: deployment-wide, so for the operator's overseers. */
    private void retention(Context ctx) {
        if (!Requests.caller(ctx).overseesDeployment()) {
            throw ApiException.forbidden("media retention figures are for the operating organisation's admins and"
                    + " auditors");
        }
        var check = hotline.verifyRetention();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("checked_at", check.at().toString());
        out.put("overdue", check.overdue());
        out.put("destroyed", check.destroyed());
        out.put("live", check.live());
        out.put("complete", check.complete());
        Json.write(ctx, 200, out);
    }

    private void knownList(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        Json.write(ctx, 200, Map.of("entries", hotline.knownList(caller).stream().map(HotlineRoutes::known).toList()));
    }

    /** {@code {"url": "...", "kind": "known_abuse"}} or {@code {"host": "...", ...}}; kind {@code none} removes. */
    private void putKnown(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "url", "host", "kind", "note");
        var url = Fields.text(body, "url");
        var host = Fields.text(body, "host");
        if (url.isPresent() == host.isPresent()) {
            throw ApiException.invalid("give exactly one of 'url' and 'host'");
        }
        String kindText = Fields.text(body, "kind").orElseThrow(() -> ApiException.invalid(
                "field 'kind' is required: known_abuse, known_benign, or none to remove"));
        java.util.Optional<KnownUrl.Kind> kind = kindText.equalsIgnoreCase("none") ? java.util.Optional.empty()
                : java.util.Optional.of(parse(KnownUrl.Kind.class, "kind", kindText));
        var note = Fields.text(body, "note");
        if (note.filter(n -> n.length() > 400).isPresent()) {
            throw ApiException.invalid("field 'note' is longer than 400 characters");
        }
        try {
            var entry = hotline.putKnown(caller, url.isPresent() ? KnownUrl.Scope.URL : KnownUrl.Scope.HOST,
                    url.or(() -> host).orElseThrow(), kind, note);
            if (entry.isPresent()) {
                Json.write(ctx, 201, known(entry.get()));
            } else {
                ctx.status(204);
            }
        } catch (BadUrl e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    private static Map<String, Object> known(KnownList.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put(e.scope() == KnownUrl.Scope.URL ? "url" : "host", e.value());
        m.put("kind", e.kind().name().toLowerCase());
        m.put("note", e.note().orElse(null));
        m.put("added_by", e.addedBy());
        m.put("added_at", e.addedAt().toString());
        return m;
    }

    private void submit(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.REPORT);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "urls", "site", "category", "imminent_risk", "description", "contact_email", "language");
        JsonNode urlsNode = body.get("urls");
        if (urlsNode == null || !urlsNode.isArray()) {
            throw ApiException.invalid("field 'urls' must be an array of strings");
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode u : urlsNode) {
            if (!u.isTextual()) {
                throw ApiException.invalid("field 'urls' must be an array of strings");
            }
            urls.add(u.asText());
        }
        NewReport report = new NewReport(urls,
                Fields.text(body, "site").map(s -> parse(SiteType.class, "site", s)).orElse(null),
                Fields.text(body, "category").map(s -> parse(ReportCategory.class, "category", s)).orElse(null),
                Fields.bool(body, "imminent_risk").orElse(false),
                Fields.text(body, "description"), Fields.text(body, "contact_email"),
                Fields.text(body, "language").orElse("en"));
        try {
            Receipt receipt = hotline.submitPartner(caller, report);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reference", receipt.reference());
            out.put("urls", receipt.urls());
            out.put("duplicates", receipt.duplicates());
            out.put("priority", receipt.priority());
            out.put("mode", receipt.mode().name().toLowerCase().replace('_', '-'));
            Json.write(ctx, 201, out);
        } catch (ReportRejected e) {
            List<Map<String, Object>> problems = e.problems().stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("field", p.field());
                m.put("code", p.code());
                if (p.arg() != 0) {
                    m.put(p.code().equals("url") ? "index" : "limit", p.code().equals("url") ? p.arg() - 1 : p.arg());
                }
                return m;
            }).toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("message", e.getMessage());
            out.put("error", "invalid");
            out.put("problems", problems);
            Json.write(ctx, 400, out);
        }
    }

    private void status(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.REPORT);
        String reference = ctx.pathParam("reference");
        PartnerStatus s = hotline.partnerStatus(caller, reference)
                .orElseThrow(() -> ApiException.notFound("no report with that reference filed by your organisation"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reference", s.reference());
        out.put("status", s.status().name().toLowerCase());
        out.put("outcome", s.outcome().map(o -> o.name().toLowerCase()).orElse(null));
        out.put("received_at", s.receivedAt().toString());
        out.put("updated_at", s.updatedAt().toString());
        Json.write(ctx, 200, out);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim().replace('-', '_'))) {
                return e;
            }
        }
        throw ApiException.invalid("field '" + field + "' must be one of " + java.util.Arrays.toString(
                type.getEnumConstants()).toLowerCase());
    }
}
