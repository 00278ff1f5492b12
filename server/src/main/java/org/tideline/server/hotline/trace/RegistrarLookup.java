package org.tideline.server.hotline.trace;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The registrar of the domain a host belongs to, where one can be found. "Where available" is meant: many ccTLD
 * registries publish no RDAP service or no registrar in it, and an IP-address host has no domain at all.
 * Implementations must keep the host and domain out of exception messages and logs: the trace records messages.
 */
public interface RegistrarLookup {

    /** The registrar of {@code host}'s registrable domain; empty when the registry does not say. */
    Optional<Registrar> registrar(String host) throws IOException;

    /** Whether this lookup does anything; a trace records RDAP as UNAVAILABLE when it does not. */
    default boolean enabled() {
        return true;
    }

    /** No registrar lookups. */
    static RegistrarLookup none() {
        return new RegistrarLookup() {
            @Override
            public Optional<Registrar> registrar(String host) {
                return Optional.empty();
            }

            @Override
            public boolean enabled() {
                return false;
            }
        };
    }

    /**
     * RDAP (RFC 9082/9083) at {@code baseUrl}: {@code GET baseUrl/domain/NAME}, following redirects (rdap.org
     * redirects to the registry's own service), each request bounded by {@code timeout}.
     */
    static RegistrarLookup rdap(URI baseUrl, Duration timeout) {
        return new RdapRegistrarLookup(baseUrl, timeout);
    }
}
