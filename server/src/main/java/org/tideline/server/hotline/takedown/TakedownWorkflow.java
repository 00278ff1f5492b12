package org.tideline.server.hotline.takedown;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.hotline.ForwardRecipient;
import org.tideline.server.hotline.trace.HostingTracer;
import org.tideline.server.hotline.trace.IpInfo;
import org.tideline.server.hotline.trace.Trace;
import org.tideline.server.hotline.trace.TraceStore;
import org.tideline.server.jobs.Job;
import org.tideline.server.jobs.JobRunner;
import org.tideline.server.jobs.NewJob;
import org.tideline.server.jobs.Outcome;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * What happens to a confirmed URL, as durable jobs: trace where it is hosted, route it (police at home, the partner
 * hotline abroad, else the fallback), notify the host, and re-check until it is gone. Every step is a job in the
 * database, so a restart loses nothing; steps that reach the outside world run at most once per attempt
 * (docs/jobs.md), and a re-check that finds the material gone stops the notices.
 */
public final class TakedownWorkflow {

    private static final Logger LOG = LoggerFactory.getLogger(TakedownWorkflow.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String TRACE = "takedown.trace";
    static final String REFERRAL = "takedown.referral";
    static final String PARTNER = "takedown.partner";
    static final String NOTICE = "takedown.notice";
    static final String CHECK = "takedown.check";

    /** Sends one notice attempt to a host's abuse contact (e-mail or webhook). */
    public interface NoticeSender {
        /** @return empty when accepted; else why not, and whether the address bounced (then the URL is re-traced) */
        Optional<Failure> send(NoticeRequest request) throws IOException;

        record Failure(boolean bounced, String reason) {}
    }

    /** What a notice says: which URL, where it was reported, which attempt. */
    public record NoticeRequest(long takedownId, String reference, String url, String recipient, int attempt,
            boolean escalated, Instant firstReported) {}

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final JobRunner jobs;
    private final HostingTracer tracer;
    private final Router router;
    private final RemovalCheck removal;
    private final TakedownSettings settings;
    private final ForwardRecipient police;
    private final NoticeSender notices;
    private final Duration resend;
    private final int escalateAfter;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * The e-mail sender for the settings' {@code notice.*} keys, or null when no relay is configured (notices are then
     * recorded for the analysts to send by hand).
     */
    public static NoticeSender emailNotices(org.tideline.server.hotline.notice.NoticeSettings settings,
            String hotlineName) {
        if (settings.smtpHost().isEmpty()) {
            return null;
        }
        try {
            org.tideline.server.hotline.notice.NoticeTemplates templates = settings.templates().isPresent()
                    ? org.tideline.server.hotline.notice.NoticeTemplates.load(settings.templates().get())
                    : org.tideline.server.hotline.notice.NoticeTemplates.builtIn();
            return new EmailNotices(org.tideline.server.hotline.notice.NoticeTransport.smtp(settings), templates,
                    new org.tideline.server.hotline.notice.HotlineIdentity(hotlineName, settings.replyTo()
                            .or(settings::from).orElseThrow(), Optional.empty()), "en");
        } catch (IOException e) {
            throw new IllegalArgumentException("hotline setting notice.templates: cannot read the templates", e);
        }
    }

    public TakedownWorkflow(Database db, Clock clock, AuditLog audit, JobRunner jobs, HostingTracer tracer,
            Router router, RemovalCheck removal, TakedownSettings settings, ForwardRecipient police,
            NoticeSender notices, Duration resend, int escalateAfter) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.jobs = jobs;
        this.tracer = tracer;
        this.router = router;
        this.removal = removal;
        this.settings = settings;
        this.police = police;
        this.notices = notices;
        this.resend = resend;
        this.escalateAfter = escalateAfter;
        jobs.register(TRACE, this::trace);
        jobs.register(REFERRAL, this::referral);
        jobs.register(PARTNER, this::partner);
        jobs.register(NOTICE, this::notice, this::noticeUncertain);
        jobs.register(CHECK, this::check);
    }

    /** Starts the work on takedowns just opened, in the transaction that opened them. */
    public void opened(Connection c, List<Takedowns.Takedown> takedowns, Instant now) throws SQLException {
        for (Takedowns.Takedown t : takedowns) {
            jobs.schedule(c, NewJob.of(TRACE, subject(t.id()), now).withoutSideEffects()
                    .withDedupKey("trace:" + t.id()));
        }
    }

    /** A takedown with what the jobs need about it. */
    private record Row(long id, long urlId, long orgId, String reference, String url, String host,
            Instant received, String state, Optional<Long> asn) {}

    private Row row(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT t.id, t.url_id, t.org_id, r.reference, u.reported_url, u.host, r.received_at,"
                        + " t.state FROM hotline_takedown t JOIN hotline_url u ON u.id = t.url_id"
                        + " JOIN hotline_report r ON r.id = t.report_id WHERE t.id = ?",
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Sql.instant(rs, "received_at"), rs.getString(8), Optional.empty()), id)
                .orElseThrow(() -> new IllegalStateException("takedown " + id + " is gone"));
    }

    private Outcome trace(Job job) {
        long id = id(job);
        Row t = db.transaction(c -> row(c, id));
        if (!t.state().equals("OPEN")) {
            return Outcome.done();
        }
        Trace trace = tracer.trace(t.host());
        Instant now = clock.instant();
        Route route = router.route(trace.hostingCountry());
        db.transaction(c -> {
            TraceStore.record(c, t.urlId(), trace, job.payload() == null || job.payload().isBlank() ? "CONFIRMED"
                    : job.payload());
            Takedowns.traced(c, id, trace.hostingCountry(), trace.noticeTarget(), route, now);
            audit.append(c, audit.systemEvent(t.orgId(), "hotline.takedown.trace", "report:" + t.reference(),
                    "takedown=" + id + " country=" + trace.hostingCountry().orElse("?") + " route=" + route.kind()));
            if (job.payload() == null || job.payload().isBlank()) {
                switch (route.kind()) {
                    case DOMESTIC -> {
                        jobs.schedule(c, NewJob.of(REFERRAL, subject(id), now).withDedupKey("referral:" + id));
                        if (settings.noticeAtOnce()) {
                            scheduleNotice(c, id, 1, now);
                        }
                    }
                    case PARTNER -> jobs.schedule(c, NewJob.of(PARTNER, subject(id), now)
                            .withPayload(route.country()).withDedupKey("partner:" + id));
                    case FALLBACK -> Takedowns.handOff(c, id, "FALLBACK", route.recipient(), 1, false, "RECORDED",
                            "no partner hotline in " + route.country() + ": hand over by hand", now);
                }
                jobs.schedule(c, NewJob.of(CHECK, subject(id), now.plus(settings.checkInterval()))
                        .withoutSideEffects().withDedupKey("check:" + id));
            }
            return null;
        });
        return Outcome.done();
    }

    private Outcome referral(Job job) throws IOException {
        long id = id(job);
        Row t = db.transaction(c -> row(c, id));
        Instant now = clock.instant();
        if (police.webhook().isEmpty()) {
            db.transaction(c -> Takedowns.handOff(c, id, "REFERRAL", police.name(), 1, false, "RECORDED",
                    "no webhook configured: hand over by hand", now));
            return Outcome.done();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", t.reference());
        body.put("url", t.url());
        body.put("confirmed", true);
        Optional<String> country = db.transaction(c -> Sql.one(c, "SELECT hosting_country FROM hotline_takedown"
                + " WHERE id = ?", rs -> Optional.ofNullable(rs.getString(1)), id)).flatMap(o -> o);
        body.put("hostingCountry", country.orElse(null));
        HttpRequest.Builder request = HttpRequest.newBuilder(police.webhook().get()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json(body)));
        police.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(Duration.ofMinutes(1), "interrupted");
        }
        if (status / 100 != 2) {
            return Outcome.retry(Duration.ofMinutes(10), "the recipient answered HTTP " + status);
        }
        db.transaction(c -> Takedowns.handOff(c, id, "REFERRAL", police.name(), 1, false, "SENT", "HTTP " + status,
                now));
        return Outcome.done();
    }

    private Outcome partner(Job job) {
        long id = id(job);
        Instant now = clock.instant();
        Partner p = router.partner(job.payload()).orElse(null);
        String name = p == null ? settings.fallback() : p.name();
        // A partner's own Tideline takes the report through its partner API with a key the partner issued; until
        // keys for partners are configured, the hand-over is recorded for the analysts to send (API or e-mail).
        db.transaction(c -> Takedowns.handOff(c, id, "PARTNER", name, 1, false, "RECORDED",
                p == null ? "no partner" : p.email().map(e -> "by e-mail").orElse("through its hotline"), now));
        return Outcome.done();
    }

    private void scheduleNotice(Connection c, long id, int attempt, Instant at) throws SQLException {
        jobs.schedule(c, NewJob.of(NOTICE, subject(id), at).withPayload(Integer.toString(attempt))
                .withDedupKey("notice:" + id + ":" + attempt));
    }

    private Outcome notice(Job job) throws IOException {
        long id = id(job);
        int attempt = Integer.parseInt(job.payload());
        Row t = db.transaction(c -> row(c, id));
        if (!t.state().equals("OPEN")) {
            return Outcome.done();
        }
        Instant now = clock.instant();
        Optional<Long> asn = db.transaction(c -> TraceStore.latest(c, t.urlId())).flatMap(s -> s.trace().addresses()
                .stream().map(IpInfo::asn).flatMap(Optional::stream).findFirst());
        Optional<String> contact = settings.abuseContact(asn);
        boolean escalated = attempt > escalateAfter;
        if (contact.isEmpty() || notices == null) {
            db.transaction(c -> Takedowns.handOff(c, id, "NOTICE", "abuse contact unknown", attempt, escalated,
                    "RECORDED", contact.isEmpty() ? "no abuse contact configured for this network: send by hand"
                            : "no notice transport configured: send by hand", now));
            return Outcome.done();
        }
        Optional<NoticeSender.Failure> failure = notices.send(new NoticeRequest(id, t.reference(), t.url(),
                contact.get(), attempt, escalated, t.received()));
        if (failure.isPresent() && !failure.get().bounced()) {
            return Outcome.retry(Duration.ofMinutes(30), failure.get().reason());
        }
        db.transaction(c -> {
            if (failure.isPresent()) {
                Takedowns.handOff(c, id, "NOTICE", contact.get(), attempt, escalated, "REJECTED",
                        "bounced: re-traced", now);
                jobs.schedule(c, NewJob.of(TRACE, subject(id), now).withoutSideEffects().withPayload("BOUNCE")
                        .withDedupKey("retrace:" + id + ":" + attempt));
            } else {
                Takedowns.handOff(c, id, "NOTICE", contact.get(), attempt, escalated, "SENT", null, now);
            }
            audit.append(c, audit.systemEvent(t.orgId(), "hotline.takedown.notice", "report:" + t.reference(),
                    "takedown=" + id + " attempt=" + attempt + (failure.isPresent() ? " bounced" : " sent")
                            + (escalated ? " escalated" : "")));
            scheduleNotice(c, id, attempt + 1, now.plus(resend));
            return null;
        });
        return Outcome.done();
    }

    /** A notice cut off mid-send may or may not have left: never resend it; the next attempt follows on time. */
    private void noticeUncertain(Connection c, Job job) throws SQLException {
        long id = id(job);
        int attempt = Integer.parseInt(job.payload());
        Instant now = clock.instant();
        Takedowns.handOff(c, id, "NOTICE", "unknown", attempt, attempt > escalateAfter, "UNCERTAIN",
                "cut off while sending: not resent", now);
        scheduleNotice(c, id, attempt + 1, now.plus(resend));
    }

    private Outcome check(Job job) {
        long id = id(job);
        Row t = db.transaction(c -> row(c, id));
        if (!t.state().equals("OPEN")) {
            return Outcome.done();
        }
        Set<String> confirmed = new HashSet<>(db.transaction(c -> Sql.list(c, "SELECT sha256 FROM hotline_item"
                + " WHERE url_id = ? AND state IN ('CONFIRMED', 'KNOWN')", rs -> rs.getString(1), t.urlId())));
        RemovalCheck.Result result = removal.check(t.url(), confirmed);
        Instant now = clock.instant();
        boolean removed = db.transaction(c -> {
            boolean gone = Takedowns.checked(c, id, result, now);
            if (gone) {
                jobs.cancel(c, subject(id), NOTICE);
                audit.append(c, audit.systemEvent(t.orgId(), "hotline.takedown.removed", "report:" + t.reference(),
                        "takedown=" + id + " result=" + result));
            }
            return gone;
        });
        if (!removed) {
            LOG.debug("takedown {} still present ({})", id, result);
        }
        return removed ? Outcome.done() : Outcome.reschedule(now.plus(settings.checkInterval()));
    }

    private static String subject(long id) {
        return "takedown:" + id;
    }

    private static long id(Job job) {
        return Long.parseLong(job.subject().substring("takedown:".length()));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
