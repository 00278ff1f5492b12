package org.tideline.server.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of member organisation in the alliance. */
public enum OrgType {
    GOVERNMENT,
    LAW_ENFORCEMENT,
    COMPANY,
    HOTLINE,
    CIVIL_SOCIETY,
    INTERNATIONAL_ORGANISATION;

    /** The lower-case, hyphenated name used on the command line and in JSON, e.g. {@code law-enforcement}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code law-enforcement}, {@code LAW_ENFORCEMENT} and the like. */
    public static OrgType parse(String text) {
        String normal = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (OrgType t : values()) {
            if (t.name().equals(normal)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown organisation type '" + text + "'; expected one of " + labels());
    }

    static String labels() {
        return Arrays.stream(values()).map(OrgType::label).collect(Collectors.joining(", "));
    }
}
