package org.tideline.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.tideline.server.ApiException;

/**
 * The period and options of a statistics request: {@code from} and {@code to} as dates ({@code 2026-01-01}, UTC
 * midnight; {@code to} exclusive) or instants; the last 365 days by default; {@code small_cell} (default 5) and
 * {@code format} ({@code json} or {@code csv}).
 */
record StatisticsQuery(Instant from, Instant to, int smallCell, boolean csv) {

    static final int DEFAULT_SMALL_CELL = 5;

    static StatisticsQuery of(Context ctx) {
        Instant to = time(ctx.queryParam("to"), "to").orElse(Instant.now());
        Instant from = time(ctx.queryParam("from"), "from").orElse(to.minus(Duration.ofDays(365)));
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw ApiException.invalid("format must be json or csv");
        }
        int smallCell = Requests.intParam(ctx, "small_cell", DEFAULT_SMALL_CELL, 1, 1000);
        return new StatisticsQuery(from, to, smallCell, "csv".equals(format));
    }

    private static java.util.Optional<Instant> time(String text, String name) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("'" + name + "' must be a date (2026-01-31) or an instant (2026-01-31T00:00:00Z)");
        }
    }
}
