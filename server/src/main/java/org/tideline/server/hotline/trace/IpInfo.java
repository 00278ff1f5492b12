package org.tideline.server.hotline.trace;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What the databases say about one address: its autonomous system (number and organisation, from the ASN database)
 * and country (from the country database). Each is empty when the database is not configured or does not know it.
 */
public record IpInfo(InetAddress ip, Optional<Long> asn, Optional<String> asOrg, Optional<String> country) {

    public IpInfo {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(asn, "asn");
        Objects.requireNonNull(asOrg, "asOrg");
        Objects.requireNonNull(country, "country");
    }

    /** An address nothing is known about. */
    public static IpInfo unknown(InetAddress ip) {
        return new IpInfo(ip, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
