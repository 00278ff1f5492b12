package org.tideline.server.hotline.trace;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a content delivery network in front of a host, from the CNAME chain or the autonomous system of its
 * addresses. It matters because a CDN's addresses say where its edge is, not where the material is stored: the
 * hosting country of a CDN-fronted site is unknown from DNS alone, and the notice goes to the CDN, the only party
 * that knows the origin.
 *
 * <p>Two kinds of evidence, checked in this order:
 * <ul>
 *   <li><b>CNAME suffixes</b>: a name in the chain ending in a CDN's own delivery domain (a customer's
 *       {@code www.example} pointing at {@code example.cdn.cloudflare.net}) is conclusive, whatever the addresses.
 *   <li><b>CDN-only autonomous systems</b>: Cloudflare (AS13335), Akamai (AS20940, AS16625) and Fastly (AS54113)
 *       announce addresses that serve as CDN edges and little else, so an address there means the site is fronted.
 *       Cloud providers' networks are deliberately left out although they run CDNs: Amazon's AS16509 carries both
 *       CloudFront and ordinary EC2 servers, Microsoft's AS8075 and Google's AS15169 likewise, so an address there says
 *       nothing about fronting; CloudFront and Azure's CDNs are recognised by their CNAME suffixes instead.
 * </ul>
 *
 * <p>What it cannot see: a CDN configured without a CNAME on a network not listed here (smaller CDNs, DDoS-protection
 * proxies announced from their customers' own address space), and a site whose CDN was removed after the trace. The
 * built-in list is deliberately short (large CDNs whose delivery domains and networks are stable and public); a
 * deployment can add its own through {@link #of}.
 */
public final class CdnDetector {

    /** One CDN: its name as a notice would address it, its delivery domains, and its CDN-only AS numbers. */
    public record Network(String name, List<String> cnameSuffixes, Set<Long> asns) {
        public Network {
            Objects.requireNonNull(name, "name");
            cnameSuffixes = cnameSuffixes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            asns = Set.copyOf(asns);
        }
    }

    /** A CDN found, and the evidence (a suffix or an AS number, never the traced names). */
    public record Match(String cdn, String evidence) {}

    private static final List<Network> BUILT_IN = List.of(
            new Network("Cloudflare", List.of("cdn.cloudflare.net"), Set.of(13335L)),
            new Network("Akamai", List.of("akamaiedge.net", "akamai.net", "edgekey.net", "edgesuite.net",
                    "akamaized.net", "akamaihd.net"), Set.of(20940L, 16625L)),
            new Network("Fastly", List.of("fastly.net", "fastlylb.net"), Set.of(54113L)),
            new Network("Amazon CloudFront", List.of("cloudfront.net"), Set.of()),
            new Network("Microsoft Azure Front Door", List.of("azurefd.net", "azureedge.net"), Set.of()),
            new Network("Bunny CDN", List.of("b-cdn.net"), Set.of()),
            new Network("CDN77", List.of("cdn77.org"), Set.of()));

    private final List<Network> networks;

    private CdnDetector(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    /** The built-in list described above. */
    public static CdnDetector builtIn() {
        return new CdnDetector(BUILT_IN);
    }

    /** A detector with the given networks (for example the built-in ones plus a deployment's own). */
    public static CdnDetector of(List<Network> networks) {
        return new CdnDetector(networks);
    }

    public static List<Network> builtInNetworks() {
        return BUILT_IN;
    }

    /** The CDN fronting a host with this CNAME chain and these addresses' AS numbers, if any. */
    public Optional<Match> detect(List<String> cnameChain, List<Long> asns) {
        for (String name : cnameChain) {
            String n = JndiDnsLookup.canonical(name);
            for (Network network : networks) {
                for (String suffix : network.cnameSuffixes()) {
                    if (n.equals(suffix) || n.endsWith("." + suffix)) {
                        return Optional.of(new Match(network.name(), "CNAME into " + suffix));
                    }
                }
            }
        }
        for (Long asn : asns) {
            for (Network network : networks) {
                if (network.asns().contains(asn)) {
                    return Optional.of(new Match(network.name(), "AS" + asn));
                }
            }
        }
        return Optional.empty();
    }
}
