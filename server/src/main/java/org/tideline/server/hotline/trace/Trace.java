package org.tideline.server.hotline.trace;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a host was hosted when it was traced, and how that was established.
 *
 * @param host the host traced (lower case)
 * @param cnameChain the CNAME targets, in order, not including {@code host}
 * @param addresses every A and AAAA address, with what the databases say about each
 * @param cdn the CDN in front of the host, if one was recognised
 * @param registrar the registrar of the host's registrable domain, where RDAP gave one
 * @param methods one result per method: DNS, ASN_DB, COUNTRY_DB, CDN, RDAP
 * @param at when the trace was made
 */
public record Trace(String host, List<String> cnameChain, List<IpInfo> addresses, Optional<String> cdn,
        Optional<Registrar> registrar, List<MethodResult> methods, Instant at) {

    public Trace {
        Objects.requireNonNull(host, "host");
        cnameChain = List.copyOf(cnameChain);
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(cdn, "cdn");
        Objects.requireNonNull(registrar, "registrar");
        methods = List.copyOf(methods);
        Objects.requireNonNull(at, "at");
    }

    /**
     * The country of the first address; empty when it is unknown or when a CDN fronts the host, since then the
     * address is the CDN's edge near the tracer, not where the material is stored.
     */
    public Optional<String> hostingCountry() {
        if (cdn.isPresent() || addresses.isEmpty()) {
            return Optional.empty();
        }
        return addresses.getFirst().country();
    }

    /**
     * Whom a notice goes to: the CDN if one fronts the host (only it knows the origin, and its abuse process
     * forwards to the host), otherwise the organisation of the first address's autonomous system.
     */
    public Optional<String> noticeTarget() {
        if (cdn.isPresent()) {
            return cdn;
        }
        return addresses.isEmpty() ? Optional.empty() : addresses.getFirst().asOrg();
    }

    /** The result of {@code method}, if the trace ran it. */
    public Optional<MethodResult> method(String method) {
        return methods.stream().filter(m -> m.method().equals(method)).findFirst();
    }
}
