package org.tideline.server.hotline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One report, opened by an analyst: its URLs, its captured items (never their bytes) and what was decided. */
public record ReportView(
        long id,
        String reference,
        int priority,
        String priorityName,
        List<String> triageReasons,
        ReportStatus status,
        String category,
        String site,
        boolean imminentRisk,
        Optional<String> description,
        Instant receivedAt,
        String source,
        List<UrlView> urls,
        List<ItemView> items,
        Optional<Outcome> outcome,
        Optional<String> assignedTo,
        Optional<String> assessedBy,
        Optional<String> confirmedBy,
        List<ForwardView> forwards) {

    /** A reported URL and what capture made of it. */
    public record UrlView(long id, String url, String host, String status, Optional<String> problem) {}

    /** A record of what was handed to law enforcement. */
    public record ForwardView(String recipient, String state, Instant createdAt, Optional<Instant> sentAt,
            Optional<String> payloadSha256, int attempts) {}
}
