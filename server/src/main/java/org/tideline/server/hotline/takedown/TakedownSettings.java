package org.tideline.server.hotline.takedown;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.tideline.server.hotline.trace.TraceSettings;

/**
 * What happens after confirmation, from the hotline settings file: how to trace ({@code trace.*}), the partner
 * hotlines by country ({@code partner.CC = name | api url | e-mail}), the fallback when a country has none, how often
 * a takedown's URL is re-checked, whether the host is notified at once or only after the police agree, and the hosts'
 * abuse contacts ({@code abuse.AS64500 = abuse@host.example}, by AS number; {@code abuse.default} for the rest).
 */
public record TakedownSettings(
        TraceSettings trace,
        Map<String, Partner> partners,
        String fallback,
        Duration checkInterval,
        boolean noticeAtOnce,
        Map<String, String> abuseContacts,
        Properties raw) {

    public TakedownSettings {
        partners = Map.copyOf(partners);
        abuseContacts = Map.copyOf(abuseContacts);
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("takedown.check.hours must be at least 1");
        }
    }

    public static TakedownSettings defaults() {
        return fromProperties(new Properties());
    }

    /** Whether {@code key} belongs here (so the hotline settings do not refuse it as unknown). */
    public static boolean owns(String key) {
        return key.startsWith("trace.") || key.startsWith("partner.") || key.startsWith("takedown.")
                || key.startsWith("abuse.") || key.startsWith("notice.");
    }

    public static TakedownSettings fromProperties(Properties p) {
        Map<String, Partner> partners = new TreeMap<>();
        Map<String, String> abuse = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).trim();
            if (key.startsWith("partner.")) {
                String country = key.substring("partner.".length()).toUpperCase(Locale.ROOT);
                if (!country.matches("[A-Z]{2}")) {
                    throw new IllegalArgumentException("hotline setting " + key + ": expected partner.CC (ISO country)");
                }
                String[] f = value.split("\\|", -1);
                if (f[0].isBlank()) {
                    throw new IllegalArgumentException("hotline setting " + key + ": expected name | api url | e-mail");
                }
                Optional<URI> api = f.length > 1 && !f[1].isBlank() ? Optional.of(uri(key, f[1].trim()))
                        : Optional.empty();
                Optional<String> email = f.length > 2 && !f[2].isBlank() ? Optional.of(f[2].trim()) : Optional.empty();
                partners.put(country, new Partner(country, f[0].trim(), api, email));
            } else if (key.startsWith("abuse.")) {
                if (!value.matches("[^@\\s]+@[^@\\s]+") ) {
                    throw new IllegalArgumentException("hotline setting " + key + " must be an e-mail address");
                }
                abuse.put(key.substring("abuse.".length()).toUpperCase(Locale.ROOT), value);
            } else if (key.startsWith("takedown.") && !key.equals("takedown.fallback")
                    && !key.equals("takedown.check.hours") && !key.equals("takedown.notice")) {
                throw new IllegalArgumentException("unknown hotline setting " + key + "; see docs/hotline.md");
            }
        }
        String notice = p.getProperty("takedown.notice", "immediate").trim();
        if (!notice.equals("immediate")) {
            // Waiting for the police needs their acceptance recorded, which cannot be done yet: refusing the
            // setting is better than a deployment that silently never notifies a host.
            throw new IllegalArgumentException("hotline setting takedown.notice: only 'immediate' is supported so far"
                    + " (after-police needs referral acceptance, not built yet)");
        }
        int hours;
        try {
            hours = Integer.parseInt(p.getProperty("takedown.check.hours", "12").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hotline setting takedown.check.hours must be a whole number");
        }
        return new TakedownSettings(TraceSettings.fromProperties(p), partners,
                p.getProperty("takedown.fallback", "INHOPE (fallback)").trim(), Duration.ofHours(hours),
                notice.equals("immediate"), abuse, p);
    }

    /** The abuse contact for a host's network: by AS number, else the default, else none (hand delivery). */
    public Optional<String> abuseContact(Optional<Long> asn) {
        return asn.map(n -> abuseContacts.get("AS" + n)).or(() -> Optional.ofNullable(abuseContacts.get("DEFAULT")));
    }

    private static URI uri(String key, String value) {
        try {
            URI u = URI.create(value);
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hotline setting " + key + ": the API must be an http(s) URL");
        }
    }
}
