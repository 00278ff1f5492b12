package org.tideline.server.hotline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tideline.server.access.Organisation;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.hotline.triage.BadUrl;
import org.tideline.server.hotline.triage.KnownUrl;
import org.tideline.server.hotline.triage.NormalisedUrl;
import org.tideline.server.hotline.triage.PriorityRules;
import org.tideline.server.hotline.triage.ReportFacts;
import org.tideline.server.hotline.triage.Triage;
import org.tideline.server.hotline.triage.UrlNormaliser;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * Takes reports in: validates them (naming every problem at once), normalises and de-duplicates their URLs,
 * checks the known-URL list, sets the priority, and records the report and its URLs in one transaction. In
 * forward-only mode the report is queued for law enforcement at once; otherwise its URLs wait for capture.
 */
final class Intake {

    /** Deliberately loose: the address is only ever used to write back, and a typo should not lose a report. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final HotlineSettings settings;
    private final IntakeLimiter limiter;

    Intake(Database db, Clock clock, AuditLog audit, HotlineSettings settings) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.settings = settings;
        this.limiter = new IntakeLimiter(clock, settings.reportsPerDay());
    }

    /** Where a report came from. */
    record Source(String kind, Optional<Long> partnerOrgId, String actor) {
        static Source publicForm() {
            return new Source("PUBLIC", Optional.empty(), "public");
        }
    }

    /**
     * @param address the public reporter's network address, used for the daily allowance and nothing else; null for
     *     partners, whose keys are accountable instead
     */
    Receipt submit(Organisation hotline, NewReport report, Source source, String address) throws ReportRejected {
        List<Reported> urls = validate(report);
        if (address != null && !limiter.tryAcquire(address)) {
            throw new ReportRejected(List.of(new ReportRejected.Problem("urls", "limited", 0)), true);
        }
        Instant now = clock.instant();
        String reference = References.next();
        return db.transaction(c -> {
            Map<Reported, Optional<Long>> duplicates = new LinkedHashMap<>();
            Optional<KnownUrl> known = Optional.empty();
            int knownCount = 0;
            int earlierReports = 0;
            for (Reported url : urls) {
                duplicates.put(url, earlier(c, hotline.id(), url.normal()));
                earlierReports = Math.max(earlierReports, (int) Sql.count(c, "SELECT COUNT(DISTINCT u.report_id)"
                        + " FROM hotline_url u JOIN hotline_report r ON r.id = u.report_id WHERE u.url_key = ?"
                        + " AND r.org_id = ?", url.normal().key(), hotline.id()));
                Optional<KnownUrl> k = KnownList.lookup(c, hotline.id(), url.normal());
                if (k.isPresent()) {
                    knownCount++;
                    // Known abuse outweighs known benign when a report names both.
                    if (known.isEmpty() || k.get().kind() == KnownUrl.Kind.KNOWN_ABUSE) {
                        known = k;
                    }
                }
            }
            int duplicateCount = (int) duplicates.values().stream().filter(Optional::isPresent).count();
            Triage triage = PriorityRules.decide(new ReportFacts(report.category(), report.imminentRisk(),
                    report.site(), known, earlierReports));
            int rank = triage.priority().ordinal();
            boolean forward = settings.mode() == HotlineMode.FORWARD_ONLY;
            boolean allDuplicates = !forward && duplicateCount == urls.size();
            ReportStatus status = forward ? ReportStatus.FORWARDED
                    : allDuplicates ? ReportStatus.CLOSED : ReportStatus.RECEIVED;
            long id = Sql.insert(c, "INSERT INTO hotline_report (org_id, reference, source, partner_org_id, category,"
                            + " site_type, imminent_risk, description, contact_email, language, priority,"
                            + " triage_reasons, status, outcome, received_at, updated_at, closed_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    hotline.id(), reference, source.kind(), source.partnerOrgId().orElse(null),
                    report.category().name(), report.site().name(), report.imminentRisk(),
                    report.description().orElse(null), report.contactEmail().orElse(null), report.language(),
                    rank, String.join(",", triage.reasons().stream().map(Enum::name).toList()), status.name(),
                    allDuplicates ? Outcome.DUPLICATE.name() : null, now, now, allDuplicates ? now : null);
            for (var e : duplicates.entrySet()) {
                NormalisedUrl url = e.getKey().normal();
                String urlStatus = forward ? "FORWARDED" : e.getValue().isPresent() ? "DUPLICATE" : "PENDING";
                Sql.insert(c, "INSERT INTO hotline_url (report_id, url, reported_url, url_key, host, status,"
                                + " duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?)", id, url.url(), e.getKey().asReported(),
                        url.key(), url.host(), urlStatus, e.getValue().orElse(null));
                if (e.getValue().isPresent()) {
                    // A new report of a URL already in hand makes that report at least as urgent as this one.
                    Sql.update(c, "UPDATE hotline_report SET priority = ? WHERE priority > ? AND status IN"
                            + " ('RECEIVED', 'QUEUED') AND id = (SELECT report_id FROM hotline_url WHERE id = ?)",
                            rank, rank, e.getValue().get());
                }
            }
            if (forward) {
                Forwarder.enqueue(c, id, settings.forward(), now);
            }
            if (triage.alertSupervisor()) {
                Sql.insert(c, "INSERT INTO notification (org_id, kind, message, created_at) VALUES (?, ?, ?, ?)",
                        hotline.id(), "HOTLINE_URGENT", "Report " + reference + " says a child is at imminent risk:"
                                + " it is at the top of the queue. Open it now.", now);
            }
            audit.append(c, audit.systemEvent(hotline.id(), "hotline.report.receive", "report:" + reference,
                    "by=" + source.actor() + " urls=" + urls.size() + " duplicates=" + duplicateCount + " known="
                            + knownCount + " priority=" + triage.priority() + (forward ? " forward" : "")));
            return new Receipt(reference, settings.mode(), urls.size(), duplicateCount, triage.priority().name());
        });
    }

    /** A URL as the reporter gave it (trimmed) and in canonical form. */
    private record Reported(String asReported, NormalisedUrl normal) {}

    private static List<Reported> validate(NewReport report) throws ReportRejected {
        List<ReportRejected.Problem> problems = new ArrayList<>();
        List<Reported> urls = new ArrayList<>();
        int line = 0;
        int given = 0;
        for (String raw : report.urls()) {
            line++;
            if (raw == null || raw.isBlank()) {
                continue;
            }
            given++;
            try {
                NormalisedUrl url = UrlNormaliser.normalise(raw);
                if (urls.stream().noneMatch(u -> u.normal().key().equals(url.key()))) {
                    urls.add(new Reported(asFetchable(raw.strip(), url), url));
                }
            } catch (BadUrl e) {
                problems.add(new ReportRejected.Problem("urls", "url", line));
            }
        }
        if (given == 0) {
            problems.add(new ReportRejected.Problem("urls", "urls", 0));
        } else if (given > NewReport.MAX_URLS) {
            problems.add(new ReportRejected.Problem("urls", "tooMany", NewReport.MAX_URLS));
        }
        if (report.site() == null) {
            problems.add(new ReportRejected.Problem("site", "site", 0));
        }
        if (report.category() == null) {
            problems.add(new ReportRejected.Problem("category", "category", 0));
        }
        if (report.contactEmail().filter(e -> e.length() > 320 || !EMAIL.matcher(e).matches()).isPresent()) {
            problems.add(new ReportRejected.Problem("email", "email", 0));
        }
        if (report.description().filter(d -> d.length() > NewReport.MAX_DESCRIPTION).isPresent()) {
            problems.add(new ReportRejected.Problem("description", "description", NewReport.MAX_DESCRIPTION));
        }
        if (!problems.isEmpty()) {
            throw new ReportRejected(problems, false);
        }
        return urls;
    }

    /**
     * What capture fetches: the URL as reported when it is a plain http(s) URL, else (no scheme, defanged
     * {@code hxxp}) the canonical form, which is the same page.
     */
    private static String asFetchable(String raw, NormalisedUrl url) {
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        boolean plain = (lower.startsWith("http://") || lower.startsWith("https://")) && raw.length() <= 8192
                && raw.chars().noneMatch(ch -> ch <= 0x20 || ch == 0x7f);
        return plain ? raw : url.url();
    }

    /** The same URL in an open report, or in a closed one with an outcome: either way, not captured again. */
    private static Optional<Long> earlier(Connection c, long orgId, NormalisedUrl url) throws SQLException {
        return Sql.one(c, "SELECT u.id FROM hotline_url u JOIN hotline_report r ON r.id = u.report_id"
                        + " WHERE u.url_key = ? AND r.org_id = ? AND u.status <> 'DUPLICATE'"
                        + " ORDER BY u.id LIMIT 1",
                rs -> rs.getLong(1), url.key(), orgId);
    }
}
