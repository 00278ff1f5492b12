package org.tideline.server.hotline;

import java.time.Instant;
import java.util.Optional;

/** What a partner that filed a report may learn about it. */
public record PartnerStatus(String reference, ReportStatus status, Optional<Outcome> outcome, Instant receivedAt,
        Instant updatedAt) {}
