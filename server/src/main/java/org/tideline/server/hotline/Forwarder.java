package org.tideline.server.hotline;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands reports to the configured law-enforcement recipient, through a queue in the database (so nothing is lost
 * on a crash, and every attempt is on record). With a webhook the report is POSTed as JSON and retried with
 * back-off until the recipient answers 2xx; without one the hand-over is recorded for the analysts to do by hand.
 * What was sent is recorded as the SHA-256 of the exact bytes sent, and when.
 */
final class Forwarder {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final ForwardRecipient recipient;
    private final String hotlineName;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Forwarder(Database db, Clock clock, AuditLog audit, ForwardRecipient recipient, String hotlineName) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.recipient = recipient;
        this.hotlineName = hotlineName;
    }

    private record Due(long id, long reportId, int attempts) {}

    static void enqueue(Connection c, long reportId, ForwardRecipient recipient, Instant now) throws SQLException {
        Sql.insert(c, "INSERT INTO hotline_forward (report_id, recipient, state, created_at, next_attempt)"
                + " VALUES (?, ?, 'PENDING', ?, ?)", reportId, recipient.name(), now, now);
    }

    /** Sends what is due; returns how many hand-overs were completed. */
    int runOnce() {
        List<Due> due = db.transaction(c -> Sql.list(c, "SELECT id, report_id, attempts FROM hotline_forward"
                        + " WHERE state IN ('PENDING', 'FAILED') AND next_attempt <= ? ORDER BY id LIMIT 50",
                rs -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3)), clock.instant()));
        int done = 0;
        for (Due d : due) {
            byte[] payload = db.transaction(c -> payload(c, d.reportId()));
            String digest = sha256(payload);
            Instant now = clock.instant();
            if (recipient.webhook().isEmpty()) {
                finish(d.id(), d.reportId(), "RECORDED", digest, null, now);
                done++;
                continue;
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(recipient.webhook().get())
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
                recipient.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    finish(d.id(), d.reportId(), "SENT", digest, status, now);
                    done++;
                } else {
                    retry(d, digest, status, "the recipient answered HTTP " + status);
                }
            } catch (IOException e) {
                retry(d, digest, null, "could not reach the recipient (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done;
            }
        }
        return done;
    }

    private void finish(long id, long reportId, String state, String digest, Integer status, Instant now) {
        db.transaction(c -> {
            Sql.update(c, "UPDATE hotline_forward SET state = ?, payload_sha256 = ?, response_code = ?,"
                    + " attempts = attempts + 1, sent_at = ?, problem = NULL WHERE id = ?", state, digest, status, now,
                    id);
            long orgId = Sql.one(c, "SELECT org_id FROM hotline_report WHERE id = ?", rs -> rs.getLong(1), reportId)
                    .orElseThrow();
            String reference = Sql.one(c, "SELECT reference FROM hotline_report WHERE id = ?",
                    rs -> rs.getString(1), reportId).orElseThrow();
            audit.append(c, audit.systemEvent(orgId, "hotline.forward." + state.toLowerCase(java.util.Locale.ROOT),
                    "report:" + reference, "recipient=" + recipient.name() + " sha256=" + digest));
            return null;
        });
    }

    private void retry(Due due, String digest, Integer status, String problem) {
        // 1 min, 2, 4 ... capped at an hour: a recipient that is down is not hammered, and not forgotten.
        Duration wait = Duration.ofMinutes(Math.min(60, 1L << Math.min(6, due.attempts())));
        LOG.warn("forwarding a report failed (attempt {}): {}", due.attempts() + 1, problem);
        db.transaction(c -> Sql.update(c, "UPDATE hotline_forward SET state = 'FAILED', payload_sha256 = ?,"
                + " response_code = ?, attempts = attempts + 1, problem = ?, next_attempt = ? WHERE id = ?", digest,
                status, problem, clock.instant().plus(wait), due.id()));
    }

    /** The referral: what the report says, its URLs, and nothing about the reporter. */
    private byte[] payload(Connection c, long reportId) throws SQLException {
        Map<String, Object> body = Sql.one(c, "SELECT reference, category, site_type, imminent_risk, description,"
                        + " received_at, source FROM hotline_report WHERE id = ?", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("hotline", hotlineName);
                    m.put("reference", rs.getString(1));
                    m.put("category", rs.getString(2));
                    m.put("site", rs.getString(3));
                    m.put("imminentRisk", rs.getBoolean(4));
                    m.put("description", rs.getString(5));
                    m.put("receivedAt", Sql.instant(rs, "received_at").toString());
                    m.put("source", rs.getString(7));
                    return m;
                }, reportId).orElseThrow();
        body.put("urls", Sql.list(c, "SELECT reported_url FROM hotline_url WHERE report_id = ? ORDER BY id",
                rs -> rs.getString(1), reportId));
        body.put("assessed", false);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
