package org.tideline.server.hotline.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * Computes the hotline's {@link Figures} for the reports received in a period: how many came in and were confirmed,
 * how fast confirmed URLs reached police and disappeared (median, and the share within 3 and 7 days, counted from
 * the report, as INHOPE does), how many notices that took, and how often material came back. Nothing personal goes
 * in: no URL, no reporter, no analyst; hosts are hosting organisations, not sites.
 */
public final class TakedownStatistics {

    private static final Duration THREE_DAYS = Duration.ofDays(3);
    private static final Duration SEVEN_DAYS = Duration.ofDays(7);

    private final Database db;

    public TakedownStatistics(Database db) {
        this.db = db;
    }

    private record Report(String site, boolean confirmed) {}

    private record Takedown(String country, String host, String site, Instant received, Optional<Instant> referred,
            Optional<Instant> firstNotice, Optional<Instant> removed, int notices, boolean reupload) {}

    /**
     * @param smallCell counts under this are suppressed (shown as {@code "<smallCell"})
     */
    public Figures compute(long orgId, Instant from, Instant to, int smallCell) {
        Suppression s = new Suppression(smallCell);
        return db.transaction(c -> {
            List<Report> reports = reports(c, orgId, from, to);
            List<Takedown> takedowns = takedowns(c, orgId, from, to);
            Figures.Row overall = row(s, "all", "all", reports, takedowns);
            Map<String, List<Figures.Row>> breakdowns = new LinkedHashMap<>();
            breakdowns.put("hosting_country", split(s, "hosting_country", List.of(), takedowns, Takedown::country,
                    r -> null));
            breakdowns.put("host", split(s, "host", List.of(), takedowns, Takedown::host, r -> null));
            breakdowns.put("site_type", split(s, "site_type", reports, takedowns, Takedown::site, Report::site));
            return new Figures(from, to, smallCell, overall, breakdowns);
        });
    }

    private static List<Figures.Row> split(Suppression s, String dimension, List<Report> reports,
            List<Takedown> takedowns, Function<Takedown, String> byTakedown, Function<Report, String> byReport) {
        Map<String, List<Takedown>> t = new TreeMap<>();
        takedowns.forEach(x -> t.computeIfAbsent(orUnknown(byTakedown.apply(x)), k -> new ArrayList<>()).add(x));
        Map<String, List<Report>> r = new TreeMap<>();
        reports.forEach(x -> r.computeIfAbsent(orUnknown(byReport.apply(x)), k -> new ArrayList<>()).add(x));
        java.util.TreeSet<String> values = new java.util.TreeSet<>(t.keySet());
        values.addAll(r.keySet());
        boolean reportLevel = !reports.isEmpty();
        List<Figures.Row> rows = new ArrayList<>();
        for (String v : values) {
            Figures.Row row = row(s, dimension, v, r.getOrDefault(v, List.of()), t.getOrDefault(v, List.of()));
            if (!reportLevel) {
                // Reports are counted before anything is traced: per country or host there is no report figure.
                Map<String, String> f = new LinkedHashMap<>(row.figures());
                for (String k : List.of("reports_received", "reports_confirmed", "share_confirmed")) {
                    f.put(k, "");
                }
                row = new Figures.Row(dimension, v, f);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String orUnknown(String v) {
        return v == null || v.isBlank() ? "unknown" : v;
    }

    private static Figures.Row row(Suppression s, String dimension, String value, List<Report> reports,
            List<Takedown> takedowns) {
        long received = reports.size();
        long confirmed = reports.stream().filter(Report::confirmed).count();
        long urls = takedowns.size();
        List<Double> toReferral = new ArrayList<>();
        long referredIn3 = 0;
        List<Double> toRemoval = new ArrayList<>();
        List<Double> noticeToRemoval = new ArrayList<>();
        long removedIn3 = 0;
        long removedIn7 = 0;
        long notices = 0;
        long repeat = 0;
        long reuploads = 0;
        for (Takedown t : takedowns) {
            if (t.referred().isPresent()) {
                Duration d = Duration.between(t.received(), t.referred().get());
                toReferral.add(hours(d));
                referredIn3 += d.compareTo(THREE_DAYS) <= 0 ? 1 : 0;
            }
            if (t.removed().isPresent()) {
                Duration d = Duration.between(t.received(), t.removed().get());
                toRemoval.add(hours(d));
                removedIn3 += d.compareTo(THREE_DAYS) <= 0 ? 1 : 0;
                removedIn7 += d.compareTo(SEVEN_DAYS) <= 0 ? 1 : 0;
                t.firstNotice().ifPresent(n -> noticeToRemoval.add(hours(Duration.between(n, t.removed().get()))));
            }
            notices += t.notices();
            repeat += t.notices() > 1 ? 1 : 0;
            reuploads += t.reupload() ? 1 : 0;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("reports_received", s.count(received));
        f.put("reports_confirmed", s.count(confirmed));
        f.put("share_confirmed", s.share(confirmed, received));
        f.put("urls_confirmed", s.count(urls));
        f.put("referred", s.count(toReferral.size()));
        f.put("median_hours_to_referral", s.median(toReferral));
        f.put("share_referred_within_3_days", s.share(referredIn3, urls));
        f.put("removed", s.count(toRemoval.size()));
        f.put("median_hours_to_removal", s.median(toRemoval));
        f.put("median_hours_notice_to_removal", s.median(noticeToRemoval));
        f.put("share_removed_within_3_days", s.share(removedIn3, urls));
        f.put("share_removed_within_7_days", s.share(removedIn7, urls));
        f.put("notices_sent", s.count(notices));
        f.put("share_needing_repeat_notices", s.share(repeat, urls));
        f.put("reuploads", s.count(reuploads));
        f.put("reupload_rate", s.share(reuploads, urls));
        return new Figures.Row(dimension, value, f);
    }

    private static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }

    private static List<Report> reports(Connection c, long orgId, Instant from, Instant to) throws SQLException {
        return Sql.list(c, "SELECT site_type, outcome, status FROM hotline_report WHERE org_id = ? AND received_at >= ?"
                        + " AND received_at < ?",
                rs -> new Report(rs.getString(1), "ILLEGAL".equals(rs.getString(2))
                        && "CLOSED".equals(rs.getString(3))), orgId, from, to);
    }

    private static List<Takedown> takedowns(Connection c, long orgId, Instant from, Instant to) throws SQLException {
        return Sql.list(c, "SELECT t.hosting_country, t.hosting_host, t.site_type, r.received_at, t.referred_at,"
                        + " t.first_notice_at, t.removed_at, t.notices_sent, t.reupload_of FROM hotline_takedown t"
                        + " JOIN hotline_report r ON r.id = t.report_id WHERE t.org_id = ? AND r.received_at >= ?"
                        + " AND r.received_at < ?",
                rs -> new Takedown(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "received_at"),
                        Sql.optionalInstant(rs, "referred_at"), Sql.optionalInstant(rs, "first_notice_at"),
                        Sql.optionalInstant(rs, "removed_at"), rs.getInt(8), rs.getObject(9) != null),
                orgId, from, to);
    }
}
