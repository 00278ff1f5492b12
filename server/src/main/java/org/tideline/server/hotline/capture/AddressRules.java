package org.tideline.server.hotline.capture;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses the fetcher may connect to. A reported URL is chosen by whoever reports it, so without these rules
 * the hotline would fetch its own admin pages, the cloud metadata service ({@code 169.254.169.254}) or anything on
 * the internal network for them (server-side request forgery).
 *
 * <p>IPv4 is refused by ranges (IANA's special-purpose registry, RFC 6890 and successors): this network, private,
 * shared (CGNAT), loopback, link-local, IETF protocol assignments, documentation, benchmarking, 6to4 relay,
 * multicast, reserved and broadcast. IPv6 is allowed only inside global unicast {@code 2000::/3}, which shuts out
 * loopback, unspecified, IPv4-compatible, unique-local, link-local, site-local and multicast at once; inside it the
 * IETF assignments ({@code 2001::/23}, with Teredo, whose embedded IPv4 address is obfuscated) and documentation
 * are refused. Addresses that carry an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}) are judged by the address they carry, so {@code ::ffff:127.0.0.1} is loopback.
 *
 * <p>The configured allow-list is checked first and overrides all of this: a deployment that must capture from an
 * internal test server, or the tests themselves, name its range.
 */
final class AddressRules {

    private record Range(Cidr cidr, String label) {}

    private static final List<Range> REFUSED_IPV4 = List.of(
            range("0.0.0.0/8", "this network"),
            range("10.0.0.0/8", "private"),
            range("100.64.0.0/10", "shared address space (CGNAT)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local"),
            range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation"),
            range("192.88.99.0/24", "6to4 relay anycast"),
            range("192.168.0.0/16", "private"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation"),
            range("203.0.113.0/24", "documentation"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved or broadcast"));

    private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");
    // Built from bytes: the JDK parses "::ffff:0:0" as the IPv4 address 0.0.0.0.
    private static final Cidr IPV4_MAPPED = new Cidr(
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0}, 96);
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private static final List<Range> REFUSED_GLOBAL_IPV6 = List.of(
            range("2001::/23", "IETF protocol assignments (Teredo, benchmarking, ORCHID)"),
            range("2001:db8::/32", "documentation"),
            range("3fff::/20", "documentation"));

    private static final List<Range> NAMED_NON_GLOBAL_IPV6 = List.of(
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("::/96", "IPv4-compatible"),
            range("fc00::/7", "private (unique local)"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local"),
            range("ff00::/8", "multicast"));

    private final List<Cidr> allowList;

    AddressRules(List<Cidr> allowList) {
        this.allowList = List.copyOf(allowList);
    }

    /** Why {@code address} may not be reached, in words without the address; empty when it may. */
    Optional<String> refusal(InetAddress address) {
        byte[] bytes = canonical(address.getAddress());
        for (Cidr allowed : allowList) {
            if (allowed.contains(bytes)) return Optional.empty();
        }
        return bytes.length == 4 ? refusalIpv4(bytes) : refusalIpv6(bytes);
    }

    private static Optional<String> refusalIpv4(byte[] bytes) {
        for (Range range : REFUSED_IPV4) {
            if (range.cidr().contains(bytes)) return Optional.of(range.label());
        }
        return Optional.empty();
    }

    private static Optional<String> refusalIpv6(byte[] bytes) {
        if (NAT64.contains(bytes)) {
            return refusalIpv4(Arrays.copyOfRange(bytes, 12, 16)).map(label -> "NAT64 of " + label);
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return refusalIpv4(Arrays.copyOfRange(bytes, 2, 6)).map(label -> "6to4 of " + label);
        }
        if (GLOBAL_UNICAST.contains(bytes)) {
            for (Range range : REFUSED_GLOBAL_IPV6) {
                if (range.cidr().contains(bytes)) return Optional.of(range.label());
            }
            return Optional.empty();
        }
        for (Range range : NAMED_NON_GLOBAL_IPV6) {
            if (range.cidr().contains(bytes)) return Optional.of(range.label());
        }
        return Optional.of("not global unicast");
    }

    /**
     * The JDK already turns IPv4-mapped literals into IPv4 addresses, but a resolver may hand back raw IPv6 bytes;
     * unwrapping here keeps the allow-list and the rules seeing one form.
     */
    private static byte[] canonical(byte[] bytes) {
        return bytes.length == 16 && IPV4_MAPPED.contains(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    private static Range range(String cidr, String label) {
        return new Range(Cidr.parse(cidr), label);
    }
}
