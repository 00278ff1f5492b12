package org.tideline.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tideline.server.ApiException;
import org.tideline.server.Services;
import org.tideline.server.access.AccessService;
import org.tideline.server.access.Caller;
import org.tideline.server.classification.Activity;
import org.tideline.server.classification.AgeBand;
import org.tideline.server.classification.Attributes;
import org.tideline.server.classification.Depiction;
import org.tideline.server.classification.PubertalStage;
import org.tideline.server.hotline.Exposure;
import org.tideline.server.hotline.HotlineMode;
import org.tideline.server.hotline.HotlineService;
import org.tideline.server.hotline.ItemState;
import org.tideline.server.hotline.ItemView;
import org.tideline.server.hotline.Outcome;
import org.tideline.server.hotline.QueueEntry;
import org.tideline.server.hotline.ReportStatus;
import org.tideline.server.hotline.ReportView;

/**
 * The analysts' pages under {@code /hotline}: log in, the queue, a report with its items blurred and greyscale
 * until one is explicitly revealed, the assessment forms, the second analyst's confirmation, breaks and hand-over.
 * Server-rendered HTML with no script: every action is a form POST carrying the session's anti-forgery value.
 *
 * <p>In forward-only mode the pages show reports and what was forwarded, and no media route answers at all.
 */
final class AnalystPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Services services;
    private final HotlineService hotline;

    AnalystPages(Services services) {
        this.services = services;
        this.hotline = services.hotline();
    }

    void register(RouteTable r) {
        r.page("GET", "/hotline/login", ctx -> html(ctx, 200, loginPage(Optional.empty())));
        r.page("POST", "/hotline/login", this::login);
        r.page("POST", "/hotline/logout", guarded(this::logout));
        r.page("GET", "/hotline", guarded(this::queue));
        r.page("GET", "/hotline/reports/{id}", guarded(this::report));
        r.page("POST", "/hotline/reports/{id}/handover", guarded(this::handOver));
        r.page("POST", "/hotline/reports/{id}/outcome", guarded(this::outcome));
        r.page("POST", "/hotline/reports/{id}/confirm", guarded(this::confirm));
        r.page("POST", "/hotline/reports/{id}/send-back", guarded(this::sendBack));
        r.page("POST", "/hotline/break", guarded(this::endBreak));
        r.page("POST", "/hotline/items/{id}/assess", guarded(this::assess));
        r.page("POST", "/hotline/items/{id}/reveal", guarded(this::reveal));
        r.page("GET", "/hotline/items/{id}/preview", guarded(this::preview));
        r.page("GET", "/hotline/items/{id}/revealed", guarded(this::revealed));
        r.page("GET", "/hotline/statistics", guarded(this::statistics));
        r.page("GET", "/hotline/statistics.csv", guarded(this::statisticsCsv));
    }

    private void statistics(Context ctx, Caller analyst) {
        hotline.requireCasework(analyst);
        StatisticsQuery q = StatisticsQuery.of(ctx);
        var figures = hotline.statistics(analyst, q.from(), q.to(), q.smallCell());
        html(ctx, 200, Html.page("en", "Hotline statistics", header(ctx, analyst) + StatisticsPage.render(figures)));
    }

    private void statisticsCsv(Context ctx, Caller analyst) {
        hotline.requireCasework(analyst);
        StatisticsQuery q = StatisticsQuery.of(ctx);
        var figures = hotline.statistics(analyst, q.from(), q.to(), q.smallCell());
        ctx.header("Content-Disposition", "attachment; filename=\"tideline-hotline-statistics.csv\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/csv; charset=utf-8").result(org.tideline.server.hotline.stats.FiguresCsv.write(figures));
    }

    /** A page handler that knows who is calling. */
    private interface PageHandler {
        void handle(Context ctx, Caller analyst) throws Exception;
    }

    /**
     * Needs a logged-in analyst (else the login page), a valid anti-forgery value on POSTs, and turns refusals into
     * pages rather than JSON.
     */
    private Handler guarded(PageHandler h) {
        return ctx -> {
            Optional<Caller> caller = WebSession.caller(services, ctx);
            if (caller.isEmpty()) {
                if (ctx.method().name().equals("GET") && !ctx.path().startsWith("/hotline/items/")) {
                    ctx.redirect("/hotline/login", io.javalin.http.HttpStatus.SEE_OTHER);
                } else {
                    html(ctx, 401, message("Please log in", "Your session has ended. <a href=\"/hotline/login\">"
                            + "Log in again</a>."));
                }
                return;
            }
            if (ctx.method().name().equals("POST") && !WebSession.csrfValid(ctx)) {
                html(ctx, 403, message("Refused", "This form was not sent from a Tideline page (or your session"
                        + " changed). Go back, reload the page and try again."));
                return;
            }
            try {
                h.handle(ctx, caller.get());
            } catch (ApiException e) {
                html(ctx, e.kind().status(), message(e.kind() == ApiException.Kind.NOT_FOUND ? "Not found"
                        : "Not done", Html.text(e.getMessage()) + " <p><a href=\"/hotline\">Back to the queue</a></p>"));
            } catch (IllegalArgumentException e) {
                html(ctx, 400, message("Not done", Html.text(e.getMessage())
                        + " <p>Go back and correct the form.</p>"));
            }
        };
    }

    private void login(Context ctx) {
        String user = Optional.ofNullable(ctx.formParam("username")).orElse("").trim();
        char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
        Optional<AccessService.Session> session = services.access().startSession(user, password);
        java.util.Arrays.fill(password, '\0');
        if (session.isEmpty()) {
            html(ctx, 401, loginPage(Optional.of("That user name and password do not match.")));
            return;
        }
        WebSession.start(ctx, session.get().token());
        ctx.redirect("/hotline", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx, Caller analyst) {
        WebSession.token(ctx).ifPresent(services.access()::endSession);
        WebSession.end(ctx);
        ctx.redirect("/hotline/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void queue(Context ctx, Caller analyst) {
        List<QueueEntry> entries = hotline.queue(analyst);
        boolean forward = hotline.settings().mode() == HotlineMode.FORWARD_ONLY;
        StringBuilder b = new StringBuilder(header(ctx, analyst));
        b.append("<main><h1>").append(forward ? "Reports (forward-only mode)" : "Queue").append("</h1>")
                .append("<p><a href=\"/hotline/statistics\">Statistics</a></p>");
        if (forward) {
            b.append("<p class=\"notice\">This hotline forwards every report to ")
                    .append(Html.text(hotline.settings().forward().name()))
                    .append(" unassessed. Nothing is fetched or displayed.</p>");
        }
        if (entries.isEmpty()) {
            b.append("<p id=\"empty\">Nothing waiting.</p>");
        } else {
            b.append("<table id=\"queue\"><thead><tr><th>Priority</th><th>Reference</th><th>Status</th>")
                    .append("<th>What</th><th>Received</th><th>URLs</th><th>To assess</th><th>Known</th>")
                    .append("<th>With</th></tr></thead><tbody>");
            for (QueueEntry e : entries) {
                b.append("<tr><td><span class=\"pill").append(e.priority() == 0 ? " p0" : "").append("\">")
                        .append(Html.text(e.priorityName())).append("</span>")
                        .append(e.imminentRisk() ? " <strong>child at risk</strong>" : "").append("</td>")
                        .append("<td><a href=\"/hotline/reports/").append(e.id()).append("\">")
                        .append(Html.text(e.reference())).append("</a></td><td>").append(status(e.status()))
                        .append("</td><td>").append(Html.text(e.category())).append("</td><td>")
                        .append(TIME.format(e.receivedAt())).append("</td><td>").append(e.urls()).append("</td><td>")
                        .append(e.toAssess()).append("</td><td>").append(e.known()).append("</td><td>")
                        .append(Html.text(e.assignedTo().or(e::assessedBy).orElse(""))).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("</main>");
        html(ctx, 200, Html.page("en", "Hotline queue", b.toString()));
    }

    private void report(Context ctx, Caller analyst) {
        long id = Requests.id(ctx, "id");
        ReportView r = hotline.open(analyst, id);
        boolean forward = hotline.settings().mode() == HotlineMode.FORWARD_ONLY;
        Set<Long> revealed = forward ? Set.of() : hotline.revealedItems(analyst, id);
        Exposure exposure = hotline.exposure(analyst);
        String csrf = WebSession.csrfField(ctx);
        StringBuilder b = new StringBuilder(header(ctx, analyst));
        b.append("<main><p><a href=\"/hotline\">&larr; Queue</a></p>");
        b.append("<h1>Report <span id=\"reference\">").append(Html.text(r.reference())).append("</span></h1>");
        b.append("<p>").append(status(r.status())).append(" · priority <span class=\"pill").append(
                r.priority() == 0 ? " p0" : "").append("\">").append(Html.text(r.priorityName())).append("</span>")
                .append(r.imminentRisk() ? " · <strong>the reporter says a child is at imminent risk</strong>" : "")
                .append("</p>");
        b.append("<table><tr><th>What</th><td>").append(Html.text(r.category())).append("</td></tr>")
                .append("<tr><th>Seen on</th><td>").append(Html.text(r.site())).append("</td></tr>")
                .append("<tr><th>Received</th><td>").append(TIME.format(r.receivedAt())).append(" (")
                .append(Html.text(r.source().toLowerCase())).append(")</td></tr>")
                .append("<tr><th>Triage</th><td>").append(Html.text(String.join(", ", r.triageReasons())))
                .append("</td></tr>");
        r.description().ifPresent(d -> b.append("<tr><th>Reporter says</th><td>").append(Html.text(d))
                .append("</td></tr>"));
        r.outcome().ifPresent(o -> b.append("<tr><th>Outcome</th><td id=\"outcome\">").append(o.name())
                .append(r.assessedBy().map(a -> " (by " + Html.text(a) + ")").orElse("")).append("</td></tr>"));
        r.confirmedBy().ifPresent(cb -> b.append("<tr><th>Confirmed by</th><td id=\"confirmed\">")
                .append(Html.text(cb)).append("</td></tr>"));
        b.append("</table>");
        b.append("<h2>URLs</h2><ul id=\"urls\">");
        for (ReportView.UrlView u : r.urls()) {
            // Shown as text, never as a link: nobody should open a reported page by accident.
            b.append("<li><code>").append(Html.text(u.url())).append("</code> <span class=\"pill\">")
                    .append(Html.text(u.status().toLowerCase())).append("</span>")
                    .append(u.problem().map(p -> " " + Html.text(p)).orElse("")).append("</li>");
        }
        b.append("</ul>");
        if (!r.forwards().isEmpty()) {
            b.append("<h2>Forwarded</h2><ul id=\"forwards\">");
            for (ReportView.ForwardView f : r.forwards()) {
                b.append("<li>").append(Html.text(f.recipient())).append(": ").append(Html.text(f.state()
                        .toLowerCase())).append(f.sentAt().map(t -> " at " + TIME.format(t)).orElse(""))
                        .append(f.payloadSha256().map(h -> " · content SHA-256 <code>" + h + "</code>").orElse(""))
                        .append(" · attempts ").append(f.attempts()).append("</li>");
            }
            b.append("</ul>");
        }
        if (!forward) {
            items(b, r, revealed, exposure, csrf);
            actions(b, r, analyst, csrf);
        }
        b.append("</main>");
        html(ctx, 200, Html.page("en", "Report " + r.reference(), b.toString()));
    }

    private void items(StringBuilder b, ReportView r, Set<Long> revealed, Exposure exposure, String csrf) {
        b.append("<h2>Items</h2>");
        if (r.items().isEmpty()) {
            b.append("<p>No media was captured.</p>");
        }
        boolean editable = r.status() == ReportStatus.QUEUED;
        for (ItemView item : r.items()) {
            b.append("<section class=\"item\" id=\"item-").append(item.id()).append("\" data-state=\"")
                    .append(item.state().name()).append("\"><p><strong>Item ").append(item.id()).append("</strong> · ")
                    .append(Html.text(item.contentType())).append(" · ").append(item.sizeBytes()).append(" bytes")
                    .append(" · <span class=\"pill\">").append(item.state().name().toLowerCase().replace('_', ' '))
                    .append("</span></p>");
            if (item.state() == ItemState.KNOWN) {
                b.append("<p class=\"known\">Known to bank <strong>").append(Html.text(item.matchedBank().orElse("")))
                        .append("</strong>: ").append(Html.text(item.knownVerdicts().orElse("no verdicts")))
                        .append(". Not shown.</p></section>");
                continue;
            }
            if (!item.mediaAvailable()) {
                b.append("<p>The media has been destroyed (retention); hashes and decisions remain.</p>");
            } else if (revealed.contains(item.id())) {
                if (item.isVideo()) {
                    b.append("<video controls preload=\"none\" width=\"480\" src=\"/hotline/items/").append(item.id())
                            .append("/revealed\"></video>");
                } else {
                    b.append("<img class=\"revealed\" alt=\"revealed item ").append(item.id())
                            .append(" (greyscale)\" src=\"/hotline/items/").append(item.id()).append("/revealed\">");
                }
            } else {
                if (item.isVideo()) {
                    b.append("<p class=\"blurred\">Video: not shown until revealed; it will not play by itself.</p>");
                } else {
                    b.append("<img class=\"blurred\" alt=\"blurred preview of item ").append(item.id())
                            .append("\" src=\"/hotline/items/").append(item.id()).append("/preview\">");
                }
                if (exposure.limitReached()) {
                    b.append("<p class=\"warn\">Take a break before revealing more.</p>");
                } else {
                    b.append("<form method=\"post\" action=\"/hotline/items/").append(item.id()).append("/reveal\">")
                            .append(csrf).append(reportField(r)).append("<button type=\"submit\" class=\"secondary\" name=\"reveal\">Reveal")
                            .append(" this item</button></form>");
                }
            }
            b.append("<p class=\"hashes\"><small>SHA-256 <code>").append(item.sha256()).append("</code>")
                    .append(item.pdq().map(p -> " · PDQ <code>" + p + "</code> (quality "
                            + item.pdqQuality().orElse(0) + ")").orElse("")).append("</small></p>");
            if (!item.verdicts().isEmpty()) {
                b.append("<p class=\"verdicts\">Verdicts: ").append(Html.text(String.join(", ", item.verdicts())))
                        .append(item.assessedBy().map(a -> " (recorded by " + Html.text(a) + ")").orElse(""))
                        .append("</p>");
            }
            if (editable) {
                assessForm(b, item, csrf + reportField(r));
            }
            b.append("</section>");
        }
    }

    private static void assessForm(StringBuilder b, ItemView item, String csrf) {
        Map<String, Object> a = item.attributes();
        b.append("<details").append(item.state() == ItemState.TO_ASSESS ? " open" : "").append("><summary>")
                .append(item.state() == ItemState.TO_ASSESS ? "Record attributes" : "Change attributes")
                .append("</summary><form method=\"post\" action=\"/hotline/items/").append(item.id())
                .append("/assess\">").append(csrf);
        b.append(select("ageBand-" + item.id(), "ageBand", "Age band", AgeBand.values(), a.get("ageBand")));
        b.append(select("pubertalStage-" + item.id(), "pubertalStage", "Pubertal stage", PubertalStage.values(),
                a.get("pubertalStage")));
        b.append(select("depiction-" + item.id(), "depiction", "Depiction", Depiction.values(), a.get("depiction")));
        b.append("<fieldset><legend>Activities</legend>");
        Object chosen = a.getOrDefault("activities", List.of());
        for (Activity act : Activity.values()) {
            String id = "act-" + item.id() + "-" + act.name();
            b.append("<div class=\"choice\"><input type=\"checkbox\" name=\"activities\" value=\"").append(act.name())
                    .append("\" id=\"").append(id).append('"').append(chosen instanceof List<?> l && l.contains(
                            act.name()) ? " checked" : "").append("> <label for=\"").append(id).append("\">")
                    .append(label(act)).append("</label></div>");
        }
        b.append("</fieldset><div class=\"choice\"><input type=\"checkbox\" name=\"selfGenerated\" id=\"self-")
                .append(item.id()).append('"').append(Boolean.TRUE.equals(a.get("selfGenerated")) ? " checked" : "")
                .append("> <label for=\"self-").append(item.id()).append("\" style=\"display:inline\">")
                .append("Self-generated</label></div><button type=\"submit\">Save attributes</button></form></details>");
    }

    private static String reportField(ReportView r) {
        return "<input type=\"hidden\" name=\"report\" value=\"" + r.id() + "\">";
    }

    private static <E extends Enum<E>> String select(String id, String name, String label, E[] values, Object chosen) {
        StringBuilder b = new StringBuilder("<label for=\"").append(id).append("\">").append(label)
                .append("</label><select id=\"").append(id).append("\" name=\"").append(name).append("\" required>")
                .append("<option value=\"\">choose</option>");
        for (E v : values) {
            b.append("<option value=\"").append(v.name()).append('"').append(v.name().equals(chosen) ? " selected" : "")
                    .append('>').append(label(v)).append("</option>");
        }
        return b.append("</select>").toString();
    }

    private void actions(StringBuilder b, ReportView r, Caller analyst, String csrf) {
        b.append("<h2>Decision</h2>");
        boolean mine = r.assignedTo().map(analyst.principal()::equals).orElse(false);
        if (r.status() == ReportStatus.QUEUED) {
            b.append("<form method=\"post\" action=\"/hotline/reports/").append(r.id()).append("/outcome\">")
                    .append(csrf).append("<label for=\"outcome-select\">Outcome of the report</label>")
                    .append("<select id=\"outcome-select\" name=\"outcome\" required><option value=\"\">choose</option>");
            for (Outcome o : Outcome.values()) {
                b.append("<option value=\"").append(o.name()).append("\">").append(label(o)).append("</option>");
            }
            b.append("</select><button type=\"submit\">Record outcome</button></form>");
            if (mine) {
                b.append("<form method=\"post\" action=\"/hotline/reports/").append(r.id()).append("/handover\">")
                        .append(csrf).append("<button type=\"submit\" class=\"secondary\">Hand over to a colleague")
                        .append("</button></form>");
            }
        } else if (r.status() == ReportStatus.ASSESSED) {
            if (r.assessedBy().map(analyst.principal()::equals).orElse(false)) {
                b.append("<p id=\"awaiting\">Waiting for a second analyst to confirm your assessment.</p>");
            } else {
                b.append("<p>Assessed by ").append(Html.text(r.assessedBy().orElse(""))).append(". Do you agree?</p>")
                        .append("<form method=\"post\" action=\"/hotline/reports/").append(r.id())
                        .append("/confirm\">").append(csrf).append("<button type=\"submit\">Confirm</button></form>")
                        .append("<form method=\"post\" action=\"/hotline/reports/").append(r.id())
                        .append("/send-back\">").append(csrf)
                        .append("<button type=\"submit\" class=\"secondary\">Send back for re-assessment</button>")
                        .append("</form>");
            }
        } else {
            b.append("<p>Closed.</p>");
        }
    }

    private void handOver(Context ctx, Caller analyst) {
        hotline.handOver(analyst, Requests.id(ctx, "id"));
        ctx.redirect("/hotline", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void outcome(Context ctx, Caller analyst) {
        String value = Optional.ofNullable(ctx.formParam("outcome")).orElse("");
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("choose an outcome");
        }
        long id = Requests.id(ctx, "id");
        hotline.decide(analyst, id, outcome);
        ctx.redirect("/hotline/reports/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void confirm(Context ctx, Caller analyst) {
        long id = Requests.id(ctx, "id");
        hotline.confirm(analyst, id);
        ctx.redirect("/hotline/reports/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void sendBack(Context ctx, Caller analyst) {
        hotline.sendBack(analyst, Requests.id(ctx, "id"));
        ctx.redirect("/hotline", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void endBreak(Context ctx, Caller analyst) {
        hotline.endBreak(analyst);
        ctx.redirect(Optional.ofNullable(ctx.formParam("back")).filter(s -> s.startsWith("/hotline"))
                .orElse("/hotline"), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void assess(Context ctx, Caller analyst) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(Attributes.AGE_BAND, ctx.formParam("ageBand"));
        fields.put(Attributes.PUBERTAL_STAGE, ctx.formParam("pubertalStage"));
        fields.put(Attributes.DEPICTION, ctx.formParam("depiction"));
        fields.put(Attributes.ACTIVITIES, ctx.formParams("activities"));
        fields.put(Attributes.SELF_GENERATED, "on".equals(ctx.formParam("selfGenerated")));
        long itemId = Requests.id(ctx, "id");
        hotline.assess(analyst, itemId, Attributes.parse(fields));
        reportOf(ctx, itemId);
    }

    private void reveal(Context ctx, Caller analyst) {
        long itemId = Requests.id(ctx, "id");
        hotline.reveal(analyst, itemId);
        reportOf(ctx, itemId);
    }

    /** Back to the report the form was on (the pages send no Referer, by policy). */
    private static void reportOf(Context ctx, long itemId) {
        String report = Optional.ofNullable(ctx.formParam("report")).filter(s -> s.matches("\\d{1,18}")).orElse(null);
        ctx.redirect(report == null ? "/hotline" : "/hotline/reports/" + report + "#item-" + itemId,
                io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void preview(Context ctx, Caller analyst) {
        media(ctx, "image/png", hotline.preview(analyst, Requests.id(ctx, "id")));
    }

    private void revealed(Context ctx, Caller analyst) {
        HotlineService.Revealed r = hotline.revealed(analyst, Requests.id(ctx, "id"));
        media(ctx, r.contentType(), r.bytes());
    }

    private void media(Context ctx, String type, byte[] bytes) {
        if (hotline.settings().mode() == HotlineMode.FORWARD_ONLY) {
            throw ApiException.notFound("this hotline does not display media");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.contentType(type);
        ctx.result(bytes);
    }

    private String header(Context ctx, Caller analyst) {
        Exposure e = hotline.exposure(analyst);
        StringBuilder b = new StringBuilder("<header><p>").append(Html.text(analyst.principal()
                .replaceFirst("^user:", ""))).append(" · ").append(Html.text(analyst.orgName()))
                .append(" · <span id=\"exposure\">revealed today ").append(e.revealsToday())
                .append(" · since your last break ").append(e.sessionReveals()).append(" of ")
                .append(e.sessionLimit()).append("</span></p><form method=\"post\" action=\"/hotline/logout\">")
                .append(WebSession.csrfField(ctx)).append("<button type=\"submit\" class=\"secondary\">Log out")
                .append("</button></form>");
        if (e.limitReached()) {
            b.append("<div class=\"warn\" id=\"break\" role=\"status\"><strong>Time for a break.</strong> You have")
                    .append(" revealed ").append(e.sessionReveals()).append(" items. Step away from the screen")
                    .append(e.breakUntil().map(t -> " until " + TIME.format(t)).orElse("")).append(".")
                    .append("<form method=\"post\" action=\"/hotline/break\">").append(WebSession.csrfField(ctx))
                    .append("<input type=\"hidden\" name=\"back\" value=\"").append(Html.text(ctx.path()))
                    .append("\"><button type=\"submit\">I have taken my break</button></form></div>");
        }
        return b.append("</header>").toString();
    }

    private static String loginPage(Optional<String> error) {
        return Html.page("en", "Hotline login", "<main><h1>Hotline login</h1>"
                + error.map(e -> "<div class=\"errors\" role=\"alert\">" + Html.text(e) + "</div>").orElse("")
                + "<form method=\"post\" action=\"/hotline/login\"><label for=\"username\">User name</label>"
                + "<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required>"
                + "<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\""
                + " autocomplete=\"current-password\" required><button type=\"submit\">Log in</button></form></main>");
    }

    private static String message(String title, String bodyHtml) {
        return Html.page("en", title, "<main><h1>" + Html.text(title) + "</h1><p>" + bodyHtml + "</p></main>");
    }

    private static String status(ReportStatus s) {
        return "<span class=\"pill status\">" + s.name().toLowerCase() + "</span>";
    }

    private static String label(Enum<?> e) {
        String s = e.name().toLowerCase().replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void html(Context ctx, int status, String page) {
        ReportPages.render(ctx, status, Messages.of("en"), page);
    }
}
