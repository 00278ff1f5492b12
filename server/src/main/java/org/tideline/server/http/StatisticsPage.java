package org.tideline.server.http;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.tideline.server.hotline.stats.Figures;

/**
 * The statistics page: the overall figures, bar charts drawn as inline SVG on the server (no script, nothing
 * loaded from elsewhere), and every breakdown as a table. Suppressed cells are shown as they are, {@code "<N"}.
 */
final class StatisticsPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private StatisticsPage() {}

    static String render(Figures f) {
        StringBuilder b = new StringBuilder("<main><p><a href=\"/hotline\">&larr; Queue</a></p><h1>Statistics</h1>");
        b.append("<p>Reports received from ").append(DAY.format(f.from())).append(" to ")
                .append(DAY.format(f.to().minusSeconds(1))).append(". Counts under ").append(f.smallCell())
                .append(" are shown as &lt;").append(f.smallCell()).append(", and so are shares and medians over them. ")
                .append("Download: <a href=\"/hotline/statistics.csv?from=").append(DAY.format(f.from()))
                .append("&amp;to=").append(DAY.format(f.to())).append("\">CSV</a>.</p>");
        b.append("<form method=\"get\" action=\"/hotline/statistics\"><label for=\"from\">From</label>")
                .append("<input type=\"text\" id=\"from\" name=\"from\" value=\"").append(DAY.format(f.from()))
                .append("\"><label for=\"to\">To (exclusive)</label><input type=\"text\" id=\"to\" name=\"to\" value=\"")
                .append(DAY.format(f.to())).append("\"><button type=\"submit\">Show</button></form>");
        b.append("<h2>Overall</h2>").append(table(List.of(f.overall()), false));
        List<Figures.Row> countries = f.breakdowns().getOrDefault("hosting_country", List.of());
        b.append("<h2>Removed within 7 days, by hosting country</h2>")
                .append(chart("chart-removed-7d", countries, "share_removed_within_7_days", 1.0, "%"));
        b.append("<h2>Median hours from report to removal, by hosting country</h2>")
                .append(chart("chart-hours-to-removal", countries, "median_hours_to_removal", -1, "h"));
        f.breakdowns().forEach((dimension, rows) -> b.append("<h2>By ").append(Html.text(dimension.replace('_', ' ')))
                .append("</h2>").append(table(rows, true)));
        return b.append("</main>").toString();
    }

    /** Horizontal bars; {@code max} &lt; 0 scales to the largest value. */
    private static String chart(String id, List<Figures.Row> rows, String column, double max, String unit) {
        if (rows.isEmpty()) {
            return "<p>No data.</p>";
        }
        double top = max > 0 ? max : rows.stream().mapToDouble(r -> number(r.figures().get(column))).max().orElse(1);
        top = top <= 0 ? 1 : top;
        int barHeight = 22;
        int height = rows.size() * (barHeight + 6) + 6;
        StringBuilder b = new StringBuilder("<svg id=\"").append(id).append("\" role=\"img\" width=\"560\" height=\"")
                .append(height).append("\" viewBox=\"0 0 560 ").append(height).append("\" aria-label=\"")
                .append(Html.text(column.replace('_', ' '))).append("\">");
        int y = 6;
        for (Figures.Row r : rows) {
            String raw = r.figures().getOrDefault(column, "");
            double v = number(raw);
            int width = (int) Math.round(Math.max(0, v) / top * 360);
            String shown = raw.isEmpty() ? "no data" : raw.startsWith("<") ? raw + " (suppressed)"
                    : unit.equals("%") ? String.format(Locale.ROOT, "%.0f%%", v * 100) : raw + " " + unit;
            b.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-size=\"13\">").append(Html.text(r.value()))
                    .append("</text><rect class=\"bar\" x=\"120\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"").append(barHeight).append("\" fill=\"#0b4f8a\"></rect><text x=\"")
                    .append(126 + width).append("\" y=\"").append(y + 16).append("\" font-size=\"13\">")
                    .append(Html.text(shown)).append("</text>");
            y += barHeight + 6;
        }
        return b.append("</svg>").toString();
    }

    private static double number(String s) {
        try {
            return s == null || s.isEmpty() || s.startsWith("<") ? 0 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String table(List<Figures.Row> rows, boolean withValue) {
        StringBuilder b = new StringBuilder("<table class=\"stats\"><thead><tr>");
        if (withValue) {
            b.append("<th></th>");
        }
        Figures.COLUMNS.forEach(c -> b.append("<th>").append(Html.text(c.replace('_', ' '))).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (Figures.Row r : rows) {
            b.append("<tr>");
            if (withValue) {
                b.append("<th>").append(Html.text(r.value())).append("</th>");
            }
            Figures.COLUMNS.forEach(c -> b.append("<td>").append(Html.text(r.figures().getOrDefault(c, "")))
                    .append("</td>"));
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
