package org.tideline.server.hotline.triage;

import java.util.Objects;

/**
 * What a hotline's known-URL list says about a URL, and how specific the entry that said it was. It carries no URL
 * or host, so it can be logged and audited.
 *
 * @param kind  what the list knows
 * @param scope which kind of entry matched
 */
public record KnownUrl(Kind kind, Scope scope) {

    public KnownUrl {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
    }

    /** What the list knows. */
    public enum Kind {
        /** Assessed as abuse material, or a host dedicated to it. */
        KNOWN_ABUSE,
        /** Assessed as not abuse material, or a host a hotline has decided is not where abuse is hosted. */
        KNOWN_BENIGN
    }

    /** The entry that matched, most specific first: when several match, the most specific decides. */
    public enum Scope {
        /** This exact URL (by {@link NormalisedUrl#key()}). */
        URL,
        /** Any URL on this exact host. */
        HOST,
        /** Any URL on this domain or one of its subdomains. */
        DOMAIN
    }
}
