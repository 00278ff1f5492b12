package org.tideline.server.bank;

import java.time.Instant;

/** Something a bank's curators are told, such as an entry quarantined after a match flood. */
public record Notification(long id, String kind, String message, String bank, long contentId, Instant createdAt) {}
