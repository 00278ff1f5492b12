package org.tideline.server.hotline.trace;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The registrable domain of a host name, as RDAP needs it: the registry knows {@code example.co.uk}, not
 * {@code cdn.img.example.co.uk}.
 *
 * <p>A deliberate approximation: the last two labels, or the last three when the last two are one of a short list of
 * well-known second-level registries ({@code co.uk}, {@code com.au}, {@code co.jp} ...). It is not the Public Suffix
 * List, which has thousands of entries and changes monthly: a host under a suffix not listed here (say
 * {@code example.gov.in}, or a private suffix such as {@code user.github.io}) is looked up one level too high, and
 * RDAP then answers for the suffix's operator or not at all. The trace records what was asked, so an analyst can
 * tell.
 */
final class RegistrableDomain {

    static final Set<String> SECOND_LEVEL = Set.of(
            "co.uk", "org.uk", "me.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk",
            "com.au", "net.au", "org.au",
            "co.jp", "ne.jp", "or.jp",
            "co.nz", "net.nz", "org.nz",
            "com.br", "net.br",
            "co.za", "co.in", "com.cn", "com.mx", "com.tr", "co.kr", "com.tw", "com.hk", "com.sg");

    private RegistrableDomain() {}

    /** The registrable domain of {@code host}; empty for a single label or an IP literal. */
    static Optional<String> of(String host) {
        String h = JndiDnsLookup.canonical(host.strip()).toLowerCase(Locale.ROOT);
        // Only letters, digits, hyphens and dots (triage has turned international names into punycode): anything
        // else cannot be a registered name, and must not reach a URL.
        if (!h.matches("[a-z0-9.-]+") || h.matches("[0-9.]+")) {
            return Optional.empty();
        }
        String[] labels = h.split("\\.");
        if (labels.length < 2) {
            return Optional.empty();
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        if (SECOND_LEVEL.contains(lastTwo)) {
            return labels.length < 3 ? Optional.empty() : Optional.of(labels[labels.length - 3] + "." + lastTwo);
        }
        return Optional.of(lastTwo);
    }
}
