package org.tideline.server.access;

import java.time.Instant;

/** A member organisation. */
public record Organisation(long id, String name, OrgType type, Instant createdAt) {}
