package org.tideline.server.hotline.trace;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What the hosting trace may use: the two MaxMind-format databases (either may be absent: the trace then records
 * the method as UNAVAILABLE) and whether to ask RDAP for the registrar, and where.
 *
 * <p>Keys: {@code trace.asn.db}, {@code trace.country.db} (paths), {@code trace.rdap} ({@code on} or {@code off},
 * default off: RDAP sends the registrable domain of every traced host to a third party, which a deployment should
 * choose knowingly), {@code trace.rdap.url} (default {@value #DEFAULT_RDAP_URL}, which redirects to the registry
 * that holds the domain).
 */
public record TraceSettings(Optional<Path> asnDatabase, Optional<Path> countryDatabase, boolean rdap, URI rdapUrl) {

    public static final String DEFAULT_RDAP_URL = "https://rdap.org";

    public TraceSettings {
        Objects.requireNonNull(asnDatabase, "asnDatabase");
        Objects.requireNonNull(countryDatabase, "countryDatabase");
        Objects.requireNonNull(rdapUrl, "rdapUrl");
        String scheme = rdapUrl.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("trace.rdap.url must be an http(s) URL");
        }
    }

    /** No databases, no RDAP: a trace of DNS and CNAME-based CDN detection only. */
    public static TraceSettings none() {
        return new TraceSettings(Optional.empty(), Optional.empty(), false, URI.create(DEFAULT_RDAP_URL));
    }

    /** Reads the {@code trace.*} keys; other keys are left to whoever owns them. */
    public static TraceSettings fromProperties(Properties p) {
        Optional<Path> asn = text(p, "trace.asn.db").map(Path::of);
        Optional<Path> country = text(p, "trace.country.db").map(Path::of);
        boolean rdap = text(p, "trace.rdap").map(TraceSettings::onOff).orElse(false);
        URI url;
        try {
            url = URI.create(text(p, "trace.rdap.url").orElse(DEFAULT_RDAP_URL));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trace.rdap.url is not a URL", e);
        }
        return new TraceSettings(asn, country, rdap, url);
    }

    private static Optional<String> text(Properties p, String key) {
        String value = p.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static boolean onOff(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("trace.rdap must be on or off");
        };
    }
}
