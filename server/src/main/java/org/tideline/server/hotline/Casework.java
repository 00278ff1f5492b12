package org.tideline.server.hotline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tideline.server.ApiException;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Role;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.BankService;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;
import org.tideline.server.classification.Attributes;
import org.tideline.server.classification.Classifier;
import org.tideline.server.classification.Verdict;
import org.tideline.server.hotline.ReportView.ForwardView;
import org.tideline.server.hotline.ReportView.UrlView;
import org.tideline.server.hotline.triage.Priority;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * The analysts' work on reports: the queue, opening a report (which assigns it), handing it over, recording
 * attributes per item and an outcome per report, and the second analyst's confirmation, which turns confirmed
 * illegal items into entries of the hotline's bank. Every view and decision is audited.
 */
final class Casework {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final BankService banks;
    private final Classifier classifier;
    private final HotlineSettings settings;

    Casework(Database db, Clock clock, AuditLog audit, BankService banks, Classifier classifier,
            HotlineSettings settings) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.banks = banks;
        this.classifier = classifier;
        this.settings = settings;
    }

    private org.tideline.server.hotline.takedown.TakedownWorkflow takedowns;

    /** Where confirmed illegal URLs go next (set once, at start). */
    void useTakedowns(org.tideline.server.hotline.takedown.TakedownWorkflow workflow) {
        this.takedowns = workflow;
    }

    List<QueueEntry> queue(long orgId) {
        return db.transaction(c -> Sql.list(c, "SELECT r.*, "
                        + "(SELECT COUNT(*) FROM hotline_url u WHERE u.report_id = r.id) AS n_urls, "
                        + "(SELECT COUNT(*) FROM hotline_item i WHERE i.report_id = r.id AND i.state = 'TO_ASSESS')"
                        + " AS n_assess, "
                        + "(SELECT COUNT(*) FROM hotline_item i WHERE i.report_id = r.id AND i.state = 'KNOWN')"
                        + " AS n_known FROM hotline_report r WHERE r.org_id = ? AND r.status IN (?, ?, ?)"
                        + " ORDER BY CASE r.status WHEN 'FORWARDED' THEN 1 ELSE 0 END, r.priority, r.received_at"
                        + " LIMIT 500",
                rs -> new QueueEntry(rs.getLong("id"), rs.getString("reference"), rs.getInt("priority"),
                        Priority.values()[rs.getInt("priority")].name(), ReportStatus.valueOf(rs.getString("status")),
                        rs.getString("category"), rs.getString("site_type"), rs.getBoolean("imminent_risk"),
                        Sql.instant(rs, "received_at"), rs.getInt("n_urls"), rs.getInt("n_assess"),
                        rs.getInt("n_known"), Optional.ofNullable(rs.getString("assigned_to")),
                        Optional.ofNullable(rs.getString("assessed_by"))),
                orgId, ReportStatus.QUEUED.name(), ReportStatus.ASSESSED.name(),
                settings.mode() == HotlineMode.FORWARD_ONLY ? ReportStatus.FORWARDED.name() : "-"));
    }

    /** Opens a report: audited; a queued report nobody holds is assigned to whoever opens it. */
    ReportView open(Caller analyst, long id) {
        return db.transaction(c -> {
            Row r = row(c, analyst, id);
            if (r.status() == ReportStatus.QUEUED && r.assignedTo().isEmpty()) {
                Sql.update(c, "UPDATE hotline_report SET assigned_to = ?, assigned_at = ? WHERE id = ?",
                        analyst.principal(), clock.instant(), id);
            }
            audit.append(c, audit.event(analyst, "hotline.report.view", "report:" + r.reference(), ""));
            return view(c, analyst.orgId(), id);
        });
    }

    void handOver(Caller analyst, long id) {
        db.transaction(c -> {
            Row r = row(c, analyst, id);
            if (!r.assignedTo().map(analyst.principal()::equals).orElse(false)) {
                throw ApiException.conflict("this report is not assigned to you");
            }
            Sql.update(c, "UPDATE hotline_report SET assigned_to = NULL, assigned_at = NULL, updated_at = ?"
                    + " WHERE id = ?", clock.instant(), id);
            audit.append(c, audit.event(analyst, "hotline.report.handover", "report:" + r.reference(), ""));
            return null;
        });
    }

    ItemView assess(Caller analyst, long itemId, Attributes attributes) {
        return db.transaction(c -> {
            ItemRow item = item(c, analyst, itemId);
            Row r = row(c, analyst, item.reportId());
            if (r.status() != ReportStatus.QUEUED) {
                throw ApiException.conflict("the report is " + r.status().name().toLowerCase() + ": nothing to assess");
            }
            if (item.state() == ItemState.KNOWN) {
                throw ApiException.conflict("a bank already knows this item; its verdicts come from the bank");
            }
            holdOrTake(c, analyst, r);
            List<Verdict> verdicts = classifier.classify(attributes, analyst.principal());
            Sql.update(c, "UPDATE hotline_item SET state = 'ASSESSED', attributes = ?, verdicts = ?, assessed_by = ?,"
                            + " assessed_at = ? WHERE id = ?", json(attributes.toMap()),
                    CaptureWorker.verdictText(verdicts), analyst.principal(), clock.instant(), itemId);
            audit.append(c, audit.event(analyst, "hotline.item.assess", "report:" + r.reference(),
                    "item=" + itemId + " " + CaptureWorker.verdictText(verdicts)));
            return items(c, item.reportId()).stream().filter(i -> i.id() == itemId).findFirst().orElseThrow();
        });
    }

    void decide(Caller analyst, long id, Outcome outcome) {
        db.transaction(c -> {
            Row r = row(c, analyst, id);
            if (r.status() != ReportStatus.QUEUED) {
                throw ApiException.conflict("the report is " + r.status().name().toLowerCase()
                        + "; an outcome is recorded on a queued report");
            }
            holdOrTake(c, analyst, r);
            long open = Sql.count(c, "SELECT COUNT(*) FROM hotline_item WHERE report_id = ? AND state = 'TO_ASSESS'",
                    id);
            if (open > 0 && (outcome == Outcome.ILLEGAL || outcome == Outcome.NOT_ILLEGAL)) {
                throw ApiException.conflict(open + " item(s) still to assess: record their attributes first");
            }
            Instant now = clock.instant();
            Sql.update(c, "UPDATE hotline_report SET status = 'ASSESSED', outcome = ?, assessed_by = ?, assessed_at = ?,"
                    + " assigned_to = NULL, updated_at = ? WHERE id = ?", outcome.name(), analyst.principal(), now, now,
                    id);
            audit.append(c, audit.event(analyst, "hotline.report.decide", "report:" + r.reference(),
                    "outcome=" + outcome));
            return null;
        });
    }

    /**
     * The second analyst agrees: assessed items become confirmed, and those with a criminal verdict become entries
     * of the hotline's bank (hashes and attributes only), so a re-upload anywhere is caught without anyone looking.
     */
    int confirm(Caller analyst, long id) {
        return db.transaction(c -> {
            Row r = row(c, analyst, id);
            if (r.status() != ReportStatus.ASSESSED) {
                throw ApiException.conflict("only an assessed report can be confirmed");
            }
            if (r.assessedBy().map(analyst.principal()::equals).orElse(false)) {
                throw ApiException.forbidden("a second analyst must confirm: you assessed this report");
            }
            Instant now = clock.instant();
            int added = 0;
            Caller bankWriter = new Caller(analyst.orgId(), analyst.orgName(), Role.CURATOR, analyst.operator(),
                    analyst.principal());
            ensureBank(bankWriter);
            for (ItemView item : items(c, id)) {
                if (item.state() != ItemState.ASSESSED) {
                    continue;
                }
                Optional<Long> entry = Optional.empty();
                if (r.outcome().orElse(null) == Outcome.ILLEGAL && item.verdicts().stream().anyMatch(
                        v -> CaptureWorker.criminalVerdict(v))) {
                    entry = Optional.of(banks.addContent(bankWriter, settings.bank(), entry(r, item)).id());
                    added++;
                }
                Sql.update(c, "UPDATE hotline_item SET state = 'CONFIRMED', confirmed_by = ?, confirmed_at = ?,"
                        + " bank_entry_id = ? WHERE id = ?", analyst.principal(), now, entry.orElse(null), item.id());
            }
            Sql.update(c, "UPDATE hotline_report SET status = 'CLOSED', confirmed_by = ?, confirmed_at = ?,"
                    + " closed_at = ?, updated_at = ? WHERE id = ?", analyst.principal(), now, now, now, id);
            if (r.outcome().orElse(null) == Outcome.ILLEGAL) {
                takedowns.opened(c, org.tideline.server.hotline.takedown.Takedowns.open(c, audit, id, now), now);
            }
            audit.append(c, audit.event(analyst, "hotline.report.confirm", "report:" + r.reference(),
                    "outcome=" + r.outcome().map(Enum::name).orElse("") + " bank_entries=" + added));
            return added;
        });
    }

    /** The second analyst disagrees: the report goes back to the queue and its items are assessed again. */
    void sendBack(Caller analyst, long id) {
        db.transaction(c -> {
            Row r = row(c, analyst, id);
            if (r.status() != ReportStatus.ASSESSED) {
                throw ApiException.conflict("only an assessed report can be sent back");
            }
            if (r.assessedBy().map(analyst.principal()::equals).orElse(false)) {
                throw ApiException.forbidden("a second analyst reviews the assessment: you made it");
            }
            Sql.update(c, "UPDATE hotline_item SET state = 'TO_ASSESS' WHERE report_id = ? AND state = 'ASSESSED'", id);
            Sql.update(c, "UPDATE hotline_report SET status = 'QUEUED', outcome = NULL, assessed_by = NULL,"
                    + " assessed_at = NULL, updated_at = ? WHERE id = ?", clock.instant(), id);
            audit.append(c, audit.event(analyst, "hotline.report.send_back", "report:" + r.reference(), ""));
            return null;
        });
    }

    /** The item, if the caller's hotline owns it; for media access checks. */
    ItemView item(Caller analyst, long itemId) {
        return db.transaction(c -> {
            ItemRow item = item(c, analyst, itemId);
            return items(c, item.reportId()).stream().filter(i -> i.id() == itemId).findFirst().orElseThrow();
        });
    }

    Optional<Long> mediaId(Caller analyst, long itemId) {
        return db.transaction(c -> Optional.ofNullable(item(c, analyst, itemId).mediaId()));
    }

    String referenceOf(Caller analyst, long itemId) {
        return db.transaction(c -> row(c, analyst, item(c, analyst, itemId).reportId()).reference());
    }

    private void ensureBank(Caller writer) {
        try {
            banks.bank(writer, settings.bank());
        } catch (ApiException e) {
            if (e.kind() != ApiException.Kind.NOT_FOUND) {
                throw e;
            }
            banks.createBank(writer, org.tideline.server.bank.BankSettings.named(settings.bank()));
        }
    }

    private NewContent entry(Row r, ItemView item) {
        Map<SignalType, String> signals = new EnumMap<>(SignalType.class);
        signals.put(SignalType.MD5, item.md5());
        signals.put(SignalType.SHA256, item.sha256());
        boolean goodPdq = item.pdq().isPresent() && item.pdqQuality().orElse(0) >= SignalType.MIN_PDQ_QUALITY;
        if (goodPdq) {
            signals.put(SignalType.PDQ, item.pdq().get());
        }
        return new NewContent(signals, goodPdq ? item.pdqQuality() : Optional.empty(), Optional.of("hotline"),
                Optional.of(r.reference() + "/" + item.id()), item.attributes(), Optional.empty(), false);
    }

    /** A decision by someone else than the assignee is refused; an unassigned report is taken by the decider. */
    private void holdOrTake(Connection c, Caller analyst, Row r) throws SQLException {
        if (r.assignedTo().isPresent() && !r.assignedTo().get().equals(analyst.principal())) {
            throw ApiException.conflict("this report is assigned to " + r.assignedTo().get());
        }
        if (r.assignedTo().isEmpty()) {
            Sql.update(c, "UPDATE hotline_report SET assigned_to = ?, assigned_at = ? WHERE id = ?",
                    analyst.principal(), clock.instant(), r.id());
        }
    }

    private record Row(long id, String reference, ReportStatus status, Optional<Outcome> outcome,
            Optional<String> assignedTo, Optional<String> assessedBy) {}

    private record ItemRow(long id, long reportId, ItemState state, Long mediaId) {}

    /** The report if the caller's organisation runs it; otherwise it does not exist, as far as the caller knows. */
    private static Row row(Connection c, Caller analyst, long id) throws SQLException {
        return Sql.one(c, "SELECT id, reference, status, outcome, assigned_to, assessed_by FROM hotline_report"
                        + " WHERE id = ? AND org_id = ?",
                rs -> new Row(rs.getLong(1), rs.getString(2), ReportStatus.valueOf(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)).map(Outcome::valueOf),
                        Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6))),
                id, analyst.orgId()).orElseThrow(() -> ApiException.notFound("no report " + id));
    }

    private static ItemRow item(Connection c, Caller analyst, long itemId) throws SQLException {
        return Sql.one(c, "SELECT i.id, i.report_id, i.state, i.media_id FROM hotline_item i"
                        + " JOIN hotline_report r ON r.id = i.report_id WHERE i.id = ? AND r.org_id = ?",
                rs -> new ItemRow(rs.getLong(1), rs.getLong(2), ItemState.valueOf(rs.getString(3)),
                        rs.getObject(4) == null ? null : rs.getLong(4)),
                itemId, analyst.orgId()).orElseThrow(() -> ApiException.notFound("no item " + itemId));
    }

    private ReportView view(Connection c, long orgId, long id) throws SQLException {
        List<UrlView> urls = Sql.list(c, "SELECT id, url, host, status, problem FROM hotline_url WHERE report_id = ?"
                        + " ORDER BY id", rs -> new UrlView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Optional.ofNullable(rs.getString(5))), id);
        List<ForwardView> forwards = Sql.list(c, "SELECT * FROM hotline_forward WHERE report_id = ? ORDER BY id",
                rs -> new ForwardView(rs.getString("recipient"), rs.getString("state"),
                        Sql.instant(rs, "created_at"), Sql.optionalInstant(rs, "sent_at"),
                        Optional.ofNullable(rs.getString("payload_sha256")), rs.getInt("attempts")), id);
        List<ItemView> items = items(c, id);
        return Sql.one(c, "SELECT * FROM hotline_report WHERE id = ? AND org_id = ?", rs -> new ReportView(
                rs.getLong("id"), rs.getString("reference"), rs.getInt("priority"),
                Priority.values()[rs.getInt("priority")].name(), reasons(rs), ReportStatus.valueOf(rs.getString("status")),
                rs.getString("category"), rs.getString("site_type"), rs.getBoolean("imminent_risk"),
                Optional.ofNullable(rs.getString("description")), Sql.instant(rs, "received_at"),
                rs.getString("source"), urls, items, Optional.ofNullable(rs.getString("outcome")).map(Outcome::valueOf),
                Optional.ofNullable(rs.getString("assigned_to")), Optional.ofNullable(rs.getString("assessed_by")),
                Optional.ofNullable(rs.getString("confirmed_by")), forwards), id, orgId).orElseThrow();
    }

    private static List<String> reasons(ResultSet rs) throws SQLException {
        String text = rs.getString("triage_reasons");
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.split(","));
    }

    private static List<ItemView> items(Connection c, long reportId) throws SQLException {
        return Sql.list(c, "SELECT i.*, m.ciphertext IS NOT NULL AS available FROM hotline_item i"
                + " LEFT JOIN hotline_media m ON m.id = i.media_id WHERE i.report_id = ? ORDER BY i.id", rs -> new ItemView(
                rs.getLong("id"), rs.getLong("url_id"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("md5"), rs.getString("sha256"), Optional.ofNullable(rs.getString("pdq")),
                Optional.ofNullable((Integer) rs.getObject("pdq_quality", Integer.class)),
                ItemState.valueOf(rs.getString("state")), Optional.ofNullable(rs.getString("matched_bank")),
                Optional.ofNullable(rs.getString("known_verdicts")), attributes(rs.getString("attributes")),
                split(rs.getString("verdicts")), Optional.ofNullable(rs.getString("assessed_by")),
                Optional.ofNullable(rs.getString("confirmed_by")), rs.getBoolean("available")), reportId);
    }

    private static List<String> split(String text) {
        return text == null || text.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(text.split(",")));
    }

    private static Map<String, Object> attributes(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not JSON", e);
        }
    }

    private static String json(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Duration revealWindow() {
        return Duration.ofMinutes(10);
    }
}
