package org.tideline.server.access;

/**
 * Who is calling: an organisation, acting through one API key or one user, with one role.
 *
 * @param principal {@code key:<id>} or {@code user:<name>}, for the audit log; never a secret
 */
public record Caller(long orgId, String orgName, Role role, String principal) {

    public boolean can(Permission permission) {
        return role.grants(permission);
    }
}
