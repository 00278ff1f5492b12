package org.tideline.server.hotline.takedown;

import java.util.Map;
import java.util.Optional;

/**
 * The routing rule of INHOPE's network: material hosted in the hotline's own country goes to its police (and then to
 * the host); material hosted abroad goes to that country's hotline, which knows its law and its hosts; where there
 * is no hotline, to the fallback. An unknown hosting country (a CDN in front, a failed trace) stays domestic: the
 * notice then goes to the CDN, which can reach the origin.
 */
public final class Router {

    private final String homeCountry;
    private final Map<String, Partner> partners;
    private final String lawEnforcement;
    private final String fallback;

    public Router(String homeCountry, Map<String, Partner> partners, String lawEnforcement, String fallback) {
        this.homeCountry = homeCountry == null ? "" : homeCountry;
        this.partners = Map.copyOf(partners);
        this.lawEnforcement = lawEnforcement;
        this.fallback = fallback;
    }

    public Route route(Optional<String> hostingCountry) {
        String country = hostingCountry.filter(c -> !c.isBlank()).orElse("");
        if (country.isEmpty() || country.equalsIgnoreCase(homeCountry)) {
            return new Route(Route.Kind.DOMESTIC, lawEnforcement, country.isEmpty() ? homeCountry : country);
        }
        Partner partner = partners.get(country.toUpperCase(java.util.Locale.ROOT));
        return partner != null ? new Route(Route.Kind.PARTNER, partner.name(), country)
                : new Route(Route.Kind.FALLBACK, fallback, country);
    }

    public Optional<Partner> partner(String country) {
        return Optional.ofNullable(partners.get(country));
    }
}
