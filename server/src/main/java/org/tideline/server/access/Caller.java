package org.tideline.server.access;

/**
 * Who is calling: an organisation, acting through one API key or one user, with one role.
 *
 * @param operator whether the organisation operates the deployment (see {@link Organisation#operator()})
 * @param principal {@code key:<id>} or {@code user:<name>}, for the audit log; never a secret
 */
public record Caller(long orgId, String orgName, Role role, boolean operator, String principal) {

    public boolean can(Permission permission) {
        return role.grants(permission);
    }

    /** May change deployment-wide settings: an admin of the operating organisation. */
    public boolean operatesDeployment() {
        return operator && role == Role.ADMIN;
    }

    /** May see deployment-wide figures (metrics, the whole audit chain): the operator's admins and auditors. */
    public boolean overseesDeployment() {
        return operator && (role == Role.ADMIN || role == Role.AUDITOR);
    }
}
