package org.tideline.server.hotline.stats;

import java.util.ArrayList;
import java.util.List;

/** {@link Figures} as CSV (RFC 4180): one row overall, then one per breakdown value. */
public final class FiguresCsv {

    private FiguresCsv() {}

    public static String write(Figures f) {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("dimension", "value"));
        header.addAll(Figures.COLUMNS);
        line(b, header);
        line(b, cells(f.overall()));
        f.breakdowns().values().forEach(rows -> rows.forEach(r -> line(b, cells(r))));
        return b.toString();
    }

    private static List<String> cells(Figures.Row r) {
        List<String> cells = new ArrayList<>(List.of(r.dimension(), r.value()));
        Figures.COLUMNS.forEach(c -> cells.add(r.figures().getOrDefault(c, "")));
        return cells;
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String v = cells.get(i);
            // Quote what needs it; a leading =,+,-,@ is prefixed so a spreadsheet never runs it as a formula.
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
                v = "'" + v;
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                v = '"' + v.replace("\"", "\"\"") + '"';
            }
            b.append(i == 0 ? "" : ",").append(v);
        }
        b.append("\r\n");
    }
}
