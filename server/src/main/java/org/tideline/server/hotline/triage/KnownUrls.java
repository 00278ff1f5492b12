package org.tideline.server.hotline.triage;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A hotline's known-URL list in memory: exact URLs by {@link NormalisedUrl#key()}, whole hosts, and whole domains
 * with their subdomains, each known as abuse or as benign. Immutable and safe to share between threads; to reload,
 * build a new one and swap the reference.
 *
 * <p>The most specific entry decides: a URL entry over a host entry, a host entry over a domain entry, a longer
 * domain over a shorter one. So a benign forum can still have one thread listed as abuse, and a dedicated abuse
 * domain one page listed as benign.
 *
 * <p>URLs are held as keys, never as text. Hosts and domains are held as text because matching a domain needs its
 * labels; they are made canonical as URL hosts are, so {@code WWW.Example.com.} is {@code www.example.com}. A domain
 * entry cannot be an IP address, which has no subdomains. Listing the same entry twice with different kinds is an
 * error rather than a silent choice.
 *
 * <p>There is no public-suffix list in the JDK, so nothing stops a domain entry for a whole registry suffix or a
 * hosting platform's shared domain: a benign {@code DOMAIN} entry for {@code blogspot.com} would cover every blog on
 * it. List such platforms by {@code HOST}. Earlier assessments of individual reports are not kept here: they are
 * report history, found by the same key in storage.
 */
public final class KnownUrls {
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Map<String, KnownUrl.Kind> urls;
    private final Map<String, KnownUrl.Kind> hosts;
    private final Map<String, KnownUrl.Kind> domains;

    private KnownUrls(Builder builder) {
        this.urls = Map.copyOf(builder.urls);
        this.hosts = Map.copyOf(builder.hosts);
        this.domains = Map.copyOf(builder.domains);
    }

    public static KnownUrls empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The most specific entry that covers {@code url}, if any. */
    public Optional<KnownUrl> match(NormalisedUrl url) {
        Objects.requireNonNull(url, "url");
        KnownUrl.Kind kind = urls.get(url.key());
        if (kind != null) {
            return Optional.of(new KnownUrl(kind, KnownUrl.Scope.URL));
        }
        kind = hosts.get(url.host());
        if (kind != null) {
            return Optional.of(new KnownUrl(kind, KnownUrl.Scope.HOST));
        }
        if (domains.isEmpty() || Hosts.isIpAddress(url.host())) {
            return Optional.empty();
        }
        for (String domain = url.host(); ; domain = domain.substring(domain.indexOf('.') + 1)) {
            kind = domains.get(domain);
            if (kind != null) {
                return Optional.of(new KnownUrl(kind, KnownUrl.Scope.DOMAIN));
            }
            if (domain.indexOf('.') < 0) {
                return Optional.empty();
            }
        }
    }

    /** Entries of all scopes. */
    public int size() {
        return urls.size() + hosts.size() + domains.size();
    }

    /** Collects entries; not thread-safe. */
    public static final class Builder {
        private final Map<String, KnownUrl.Kind> urls = new HashMap<>();
        private final Map<String, KnownUrl.Kind> hosts = new HashMap<>();
        private final Map<String, KnownUrl.Kind> domains = new HashMap<>();

        private Builder() {
        }

        /** An exact URL, by its {@link NormalisedUrl#key()} (64 lower-case hex digits), as storage keeps it. */
        public Builder url(String key, KnownUrl.Kind kind) {
            Objects.requireNonNull(key, "key");
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("a URL key is 64 lower-case hex digits (SHA-256)");
            }
            put(urls, key, kind, "URL");
            return this;
        }

        public Builder url(NormalisedUrl url, KnownUrl.Kind kind) {
            return url(url.key(), kind);
        }

        /** Every URL on exactly this host; {@link BadUrl} if it is not a host. */
        public Builder host(String host, KnownUrl.Kind kind) {
            put(hosts, Hosts.canonical(Objects.requireNonNull(host, "host")), kind, "host");
            return this;
        }

        /** Every URL on this domain and any of its subdomains; {@link BadUrl} if it is not a domain name. */
        public Builder domain(String domain, KnownUrl.Kind kind) {
            String canonical = Hosts.canonical(Objects.requireNonNull(domain, "domain"));
            if (Hosts.isIpAddress(canonical)) {
                throw new IllegalArgumentException("an IP address has no subdomains: list it as a host");
            }
            put(domains, canonical, kind, "domain");
            return this;
        }

        public KnownUrls build() {
            return new KnownUrls(this);
        }

        private static void put(Map<String, KnownUrl.Kind> entries, String entry, KnownUrl.Kind kind, String what) {
            Objects.requireNonNull(kind, "kind");
            KnownUrl.Kind earlier = entries.putIfAbsent(entry, kind);
            if (earlier != null && earlier != kind) {
                // The entry itself is not named: a listed URL or host is as sensitive as a reported one.
                throw new IllegalArgumentException("one " + what + " is listed as both " + earlier + " and " + kind);
            }
        }
    }
}
