package org.tideline.server.hotline.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * The registrar of the domain a host belongs to, as RDAP states it.
 *
 * @param name the registrar's name (vCard {@code fn})
 * @param ianaId the IANA Registrar ID, when the registry gives one (gTLDs do; many ccTLDs do not)
 * @param domain the registrable domain that was looked up
 */
public record Registrar(String name, Optional<Long> ianaId, String domain) {

    public Registrar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ianaId, "ianaId");
        Objects.requireNonNull(domain, "domain");
    }
}
