package org.tideline.server.access;

import java.time.Instant;

/**
 * A member organisation.
 *
 * @param operator whether it operates the deployment (the first organisation created does): its admins change
 *     deployment-wide settings and its admins and auditors see deployment-wide figures
 */
public record Organisation(long id, String name, OrgType type, boolean operator, Instant createdAt) {}
