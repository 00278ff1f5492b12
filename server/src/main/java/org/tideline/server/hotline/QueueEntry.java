package org.tideline.server.hotline;

import java.time.Instant;
import java.util.Optional;

/**
 * A report as the analysts' queue lists it: enough to choose what to open, nothing that exposes anyone (no URL,
 * no description, no media).
 *
 * @param toAssess items waiting for an analyst
 * @param known items that matched a bank and will not be shown
 */
public record QueueEntry(long id, String reference, int priority, String priorityName, ReportStatus status,
        String category, String site, boolean imminentRisk, Instant receivedAt, int urls, int toAssess, int known,
        Optional<String> assignedTo, Optional<String> assessedBy) {}
