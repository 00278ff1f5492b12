package org.tideline.server.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a key or a user may do inside its own organisation. Roles never reach across organisations: what another
 * organisation owns is visible only when that organisation shares it.
 */
public enum Role {
    /** Everything, including keys and users. */
    ADMIN(EnumSet.allOf(Permission.class)),
    /** Keeps the banks: writes entries, thresholds and sharing; also matches. */
    CURATOR(EnumSet.of(Permission.MATCH, Permission.BANK_READ, Permission.BANK_WRITE, Permission.REPORT)),
    /** A hotline analyst: reads banks, matches, files reports with partner hotlines, and does casework. */
    ANALYST(EnumSet.of(Permission.MATCH, Permission.BANK_READ, Permission.REPORT)),
    /** A platform's upload pipeline: matches and hashes, nothing else. */
    MATCHER(EnumSet.of(Permission.MATCH)),
    /** Oversight: reads banks and the audit log, changes nothing. */
    AUDITOR(EnumSet.of(Permission.BANK_READ, Permission.AUDIT_READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        String normal = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.name().equals(normal)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown role '" + text + "'; expected one of admin, curator, analyst, matcher, auditor");
    }
}
