package org.tideline.server.hotline;

import java.util.List;

/**
 * A report that was not accepted, with every problem found (so a form can show them all at once), or because the
 * reporter has used up today's allowance. Messages never quote what was typed.
 */
public final class ReportRejected extends Exception {

    /**
     * @param field the form field ({@code urls}, {@code site}, {@code category}, {@code email}, {@code description})
     * @param code a stable code the web pages translate: {@code urls}, {@code url}, {@code tooMany}, {@code site},
     *     {@code category}, {@code email}, {@code description}, {@code limited}
     * @param arg the line number for {@code url}, the limit for {@code tooMany}/{@code description}, else 0
     */
    public record Problem(String field, String code, int arg) {}

    private final transient List<Problem> problems;
    private final boolean limited;

    ReportRejected(List<Problem> problems, boolean limited) {
        super(describe(problems), null, false, false);
        this.problems = List.copyOf(problems);
        this.limited = limited;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** True when refused only because of the daily allowance (HTTP 429). */
    public boolean limited() {
        return limited;
    }

    private static String describe(List<Problem> problems) {
        StringBuilder b = new StringBuilder("the report was not accepted: ");
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            b.append(i == 0 ? "" : "; ").append(switch (p.code()) {
                case "urls" -> "give at least one URL";
                case "url" -> "URL " + p.arg() + " is not an http(s) URL";
                case "tooMany" -> "at most " + p.arg() + " URLs per report";
                case "site" -> "site must be one of " + java.util.Arrays.toString(
                        org.tideline.server.hotline.triage.SiteType.values());
                case "category" -> "category must be one of " + java.util.Arrays.toString(
                        org.tideline.server.hotline.triage.ReportCategory.values());
                case "email" -> "email is not an e-mail address";
                case "description" -> "description longer than " + p.arg() + " characters";
                case "limited" -> "too many reports from this reporter today";
                default -> p.code();
            });
        }
        return b.toString();
    }
}
