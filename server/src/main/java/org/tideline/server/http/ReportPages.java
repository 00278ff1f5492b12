package org.tideline.server.http;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tideline.server.hotline.Helpline;
import org.tideline.server.hotline.HotlineMode;
import org.tideline.server.hotline.HotlineService;
import org.tideline.server.hotline.NewReport;
import org.tideline.server.hotline.Receipt;
import org.tideline.server.hotline.ReportRejected;
import org.tideline.server.hotline.triage.ReportCategory;
import org.tideline.server.hotline.triage.SiteType;

/**
 * The public report form at {@code /report}: no login, no JavaScript, no upload field, English and Italian. The
 * reporter's address is handed to the intake limiter (which only ever sees it salted and hashed) and nowhere else.
 */
final class ReportPages {

    /** No script at all, nothing from elsewhere, never framed, and forms post only here. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final HotlineService hotline;

    ReportPages(HotlineService hotline) {
        this.hotline = hotline;
    }

    void register(RouteTable r) {
        r.page("GET", "/report", this::form);
        r.page("POST", "/report", this::submit);
    }

    private void form(Context ctx) {
        Messages m = Messages.choose(ctx);
        render(ctx, 200, m, formPage(m, new Values("", "", "", false, "", ""), List.of()));
    }

    /** Twenty URLs of 8 KB, a description and an address fit with room to spare; anything bigger is not a report. */
    static final int MAX_FORM_BYTES = 256 * 1024;

    private void submit(Context ctx) {
        if (ctx.contentLength() < 0 || ctx.contentLength() > MAX_FORM_BYTES) {
            Messages m = Messages.choose(ctx);
            render(ctx, ctx.contentLength() < 0 ? 411 : 413, m, Html.page(m.language(), m.get("report.error.title"),
                    "<main><h1>" + Html.text(m.get("report.error.title")) + "</h1><p>"
                            + Html.text(m.get("report.error.tooLarge")) + "</p></main>"));
            return;
        }
        Messages m = Messages.of(Optional.ofNullable(ctx.formParam("lang")).orElse(Messages.choose(ctx).language()));
        Values v = new Values(param(ctx, "urls"), param(ctx, "site"), param(ctx, "category"),
                "on".equals(ctx.formParam("imminent")), param(ctx, "description"), param(ctx, "email"));
        List<String> urls = Arrays.stream(v.urls().split("\\R")).toList();
        NewReport report = new NewReport(urls, parse(SiteType.class, v.site()), parse(ReportCategory.class,
                v.category()), v.imminent(), blankToEmpty(v.description()), blankToEmpty(v.email()), m.language());
        try {
            Receipt receipt = hotline.submitPublic(report, ctx.ip());
            render(ctx, 200, m, thanksPage(m, receipt));
        } catch (ReportRejected e) {
            render(ctx, e.limited() ? 429 : 400, m, formPage(m, v, e.problems()));
        }
    }

    private String formPage(Messages m, Values v, List<ReportRejected.Problem> problems) {
        StringBuilder b = new StringBuilder();
        b.append(languageSwitch(m));
        b.append("<main><h1>").append(Html.text(m.get("report.title"))).append("</h1>");
        if (!problems.isEmpty()) {
            b.append("<div class=\"errors\" role=\"alert\" id=\"errors\"><h2>")
                    .append(Html.text(m.get("report.error.title"))).append("</h2><ul>");
            for (ReportRejected.Problem p : problems) {
                b.append("<li>").append(Html.text(m.get("report.error." + p.code(), p.arg()))).append("</li>");
            }
            b.append("</ul></div>");
        }
        b.append("<p>").append(Html.text(m.get("report.intro"))).append("</p>");
        b.append("<p class=\"notice\">").append(Html.text(m.get("report.anonymous"))).append("</p>");
        b.append("<form method=\"post\" action=\"/report\" accept-charset=\"utf-8\">");
        b.append("<input type=\"hidden\" name=\"lang\" value=\"").append(m.language()).append("\">");
        b.append("<label for=\"urls\">").append(Html.text(m.get("report.urls"))).append("</label>");
        b.append("<p class=\"hint\" id=\"urls-hint\">").append(Html.text(m.get("report.urls.hint"))).append("</p>");
        b.append("<textarea id=\"urls\" name=\"urls\" rows=\"4\" required aria-describedby=\"urls-hint\">")
                .append(Html.text(v.urls())).append("</textarea>");
        b.append(radios(m, "site", SiteType.values(), v.site()));
        b.append(radios(m, "category", ReportCategory.values(), v.category()));
        b.append("<div class=\"choice\" style=\"margin-top:1rem\"><input type=\"checkbox\" id=\"imminent\" ")
                .append("name=\"imminent\" aria-describedby=\"imminent-hint\"").append(v.imminent() ? " checked" : "")
                .append("> <label for=\"imminent\" style=\"display:inline\">")
                .append(Html.text(m.get("report.imminent"))).append("</label>");
        b.append("<p class=\"hint\" id=\"imminent-hint\">").append(Html.text(m.get("report.imminent.hint")))
                .append("</p></div>");
        b.append("<label for=\"description\">").append(Html.text(m.get("report.description"))).append("</label>");
        b.append("<p class=\"hint\" id=\"description-hint\">").append(Html.text(m.get("report.description.hint")))
                .append("</p><textarea id=\"description\" name=\"description\" rows=\"3\" maxlength=\"")
                .append(NewReport.MAX_DESCRIPTION).append("\" aria-describedby=\"description-hint\">")
                .append(Html.text(v.description())).append("</textarea>");
        b.append("<label for=\"email\">").append(Html.text(m.get("report.email"))).append("</label>");
        b.append("<p class=\"hint\" id=\"email-hint\">").append(Html.text(m.get("report.email.hint")))
                .append("</p><input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"email\" ")
                .append("aria-describedby=\"email-hint\" value=\"").append(Html.text(v.email())).append("\">");
        b.append("<button type=\"submit\">").append(Html.text(m.get("report.submit"))).append("</button>");
        b.append("</form></main>");
        b.append(helplines(m));
        return Html.page(m.language(), m.get("report.title"), b.toString());
    }

    private String thanksPage(Messages m, Receipt receipt) {
        String next = receipt.mode() == HotlineMode.FORWARD_ONLY ? "thanks.next.forward" : "thanks.next";
        String body = languageSwitch(m)
                + "<main><h1>" + Html.text(m.get("thanks.title")) + "</h1>"
                + "<p>" + Html.text(m.get("thanks.reference")) + ":</p>"
                + "<p class=\"ref\" id=\"reference\">" + Html.text(receipt.reference()) + "</p>"
                + "<p>" + Html.text(m.get("thanks.keep")) + "</p>"
                + "<p>" + Html.text(m.get(next)) + "</p>"
                + "<p><a href=\"/report?lang=" + m.language() + "\">" + Html.text(m.get("thanks.another"))
                + "</a></p></main>"
                + helplines(m);
        return Html.page(m.language(), m.get("thanks.title"), body);
    }

    private static <E extends Enum<E>> String radios(Messages m, String field, E[] values, String chosen) {
        StringBuilder b = new StringBuilder("<fieldset><legend>")
                .append(Html.text(m.get("report." + field))).append("</legend>");
        for (E e : values) {
            String id = field + "-" + e.name();
            b.append("<div class=\"choice\"><input type=\"radio\" required name=\"").append(field)
                    .append("\" id=\"").append(id).append("\" value=\"").append(e.name()).append('"')
                    .append(e.name().equals(chosen) ? " checked" : "").append("> <label for=\"").append(id)
                    .append("\">").append(Html.text(m.get("report." + field + "." + e.name())))
                    .append("</label></div>");
        }
        return b.append("</fieldset>").toString();
    }

    private String helplines(Messages m) {
        StringBuilder b = new StringBuilder("<aside aria-labelledby=\"help-title\" class=\"notice\">")
                .append("<h2 id=\"help-title\">").append(Html.text(m.get("report.help.title"))).append("</h2><p>")
                .append(Html.text(m.get("report.help.intro"))).append("</p><ul>");
        String country = m.language().equals("it") ? "IT" : "";
        for (Helpline h : hotline.settings().helplinesFor(country)) {
            b.append("<li>").append(Html.text(h.name()));
            if (!h.phone().isBlank()) {
                b.append(": <a href=\"tel:").append(Html.text(h.phone().replace(" ", ""))).append("\">")
                        .append(Html.text(h.phone())).append("</a>");
            }
            if (!h.url().isBlank()) {
                b.append(" (<a href=\"").append(Html.text(h.url())).append("\" rel=\"noopener\">")
                        .append(Html.text(h.url())).append("</a>)");
            }
            b.append("</li>");
        }
        return b.append("</ul></aside>").toString();
    }

    private static String languageSwitch(Messages m) {
        StringBuilder b = new StringBuilder("<nav class=\"lang\" aria-label=\"").append(Html.text(m.get(
                "report.language"))).append("\">");
        for (String lang : Messages.LANGUAGES) {
            Messages other = Messages.of(lang);
            if (lang.equals(m.language())) {
                b.append("<strong aria-current=\"true\">").append(Html.text(other.get("lang.name"))).append("</strong> ");
            } else {
                b.append("<a href=\"/report?lang=").append(lang).append("\" hreflang=\"").append(lang)
                        .append("\" lang=\"").append(lang).append("\">").append(Html.text(other.get("lang.name")))
                        .append("</a> ");
            }
        }
        return b.append("</nav>").toString();
    }

    static void render(Context ctx, int status, Messages m, String html) {
        ctx.status(status);
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Language", m.language());
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(html);
    }

    private static String param(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }

    private static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        return null;
    }

    /** What the reporter typed, to show again when something needs correcting. */
    private record Values(String urls, String site, String category, boolean imminent, String description,
            String email) {}
}
