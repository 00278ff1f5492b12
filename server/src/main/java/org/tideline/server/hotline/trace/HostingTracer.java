package org.tideline.server.hotline.trace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Traces where a host is hosted: DNS (CNAME chain, A and AAAA), then for each address its autonomous system and
 * country from MaxMind-format databases, then whether a CDN fronts it, then the registrar by RDAP.
 *
 * <pre>{@code
 * try (HostingTracer tracer = HostingTracer.open(TraceSettings.fromProperties(p), DnsLookup.system())) {
 *     Trace t = tracer.trace("files.example");
 *     t.hostingCountry();   // empty behind a CDN
 *     t.noticeTarget();     // the CDN, else the AS organisation
 * }
 * }</pre>
 *
 * <p>Every method is recorded with its outcome and time, and one failing does not stop the others: a trace without
 * a country database still names the AS, and an NXDOMAIN still asks RDAP (a domain whose name servers were
 * withdrawn still has a registrar, who can be sent a notice). A trace is a snapshot: hosting moves, so the caller
 * traces again when a notice bounces ({@code TraceStore} keeps each trace with its reason).
 *
 * <p>Never logs, and method details never contain host names: they are hosts of reported URLs. Thread-safe: the
 * database readers are, and nothing else is shared.
 */
public final class HostingTracer implements AutoCloseable {

    /** Addresses beyond this are not looked up (round-robin names can have dozens; the first say enough). */
    static final int MAX_ADDRESSES = 16;
    static final Duration RDAP_TIMEOUT = Duration.ofSeconds(10);

    private final DnsLookup dns;
    private final Optional<MmdbDatabase> asnDb;
    private final Optional<MmdbDatabase> countryDb;
    private final CdnDetector cdns;
    private final RegistrarLookup registrars;
    private final Clock clock;

    private HostingTracer(DnsLookup dns, Optional<MmdbDatabase> asnDb, Optional<MmdbDatabase> countryDb,
            CdnDetector cdns, RegistrarLookup registrars, Clock clock) {
        this.dns = dns;
        this.asnDb = asnDb;
        this.countryDb = countryDb;
        this.cdns = cdns;
        this.registrars = registrars;
        this.clock = clock;
    }

    /**
     * A tracer with the configured databases (opened now: a corrupt or mistaken file throws
     * {@link TraceDatabaseException}), the built-in CDN list, and RDAP if the settings turn it on.
     */
    public static HostingTracer open(TraceSettings settings, DnsLookup dns) {
        RegistrarLookup registrars = settings.rdap()
                ? RegistrarLookup.rdap(settings.rdapUrl(), RDAP_TIMEOUT) : RegistrarLookup.none();
        return open(settings, dns, CdnDetector.builtIn(), registrars, Clock.systemUTC());
    }

    /** As {@link #open(TraceSettings, DnsLookup)}, with every part chosen; the settings' RDAP keys are ignored. */
    public static HostingTracer open(TraceSettings settings, DnsLookup dns, CdnDetector cdns,
            RegistrarLookup registrars, Clock clock) {
        Optional<MmdbDatabase> asn = settings.asnDatabase().map(p -> MmdbDatabase.open(p, "trace.asn.db", "ASN"));
        Optional<MmdbDatabase> country;
        try {
            country = settings.countryDatabase().map(p -> MmdbDatabase.open(p, "trace.country.db", "Country"));
        } catch (RuntimeException e) {
            asn.ifPresent(MmdbDatabase::close);
            throw e;
        }
        return new HostingTracer(dns, asn, country, cdns, registrars, clock);
    }

    /** Traces {@code host} (a name or an IP literal, as in a URL). Never throws for what it finds or fails to. */
    public Trace trace(String host) {
        String h = normalise(host);
        Instant at = now();
        List<MethodResult> methods = new ArrayList<>();

        List<String> chain = List.of();
        List<InetAddress> ips = List.of();
        Optional<InetAddress> literal = literal(h);
        if (literal.isPresent()) {
            ips = List.of(literal.get());
            methods.add(result(MethodResult.DNS, MethodResult.Status.UNAVAILABLE, "the host is an IP address"));
        } else {
            try {
                chain = dns.cnameChain(h);
                ips = dns.addresses(h);
                methods.add(result(MethodResult.DNS, MethodResult.Status.OK,
                        chain.size() + " CNAME, " + ips.size() + " addresses"));
            } catch (UnknownHostException e) {
                methods.add(result(MethodResult.DNS, MethodResult.Status.FAILED, "no such name (NXDOMAIN)"));
            } catch (IOException | RuntimeException e) {
                methods.add(result(MethodResult.DNS, MethodResult.Status.FAILED, safeMessage(e)));
            }
        }
        List<InetAddress> looked = ips.size() > MAX_ADDRESSES ? ips.subList(0, MAX_ADDRESSES) : ips;

        List<IpInfo> infos = new ArrayList<>();
        List<String> asnProblems = new ArrayList<>();
        List<String> countryProblems = new ArrayList<>();
        for (InetAddress ip : looked) {
            infos.add(lookUp(ip, asnProblems, countryProblems));
        }
        methods.add(databaseResult(MethodResult.ASN_DB, asnDb, infos.stream().filter(i -> i.asn().isPresent()).count(),
                looked.size(), asnProblems));
        methods.add(databaseResult(MethodResult.COUNTRY_DB, countryDb,
                infos.stream().filter(i -> i.country().isPresent()).count(), looked.size(), countryProblems));

        Optional<CdnDetector.Match> cdn = cdns.detect(chain,
                infos.stream().flatMap(i -> i.asn().stream()).toList());
        methods.add(result(MethodResult.CDN, MethodResult.Status.OK,
                cdn.map(m -> m.cdn() + " (" + m.evidence() + ")").orElse("no CDN recognised")));

        Optional<Registrar> registrar = Optional.empty();
        if (!registrars.enabled()) {
            methods.add(result(MethodResult.RDAP, MethodResult.Status.UNAVAILABLE, "RDAP is off"));
        } else if (literal.isPresent() || RegistrableDomain.of(h).isEmpty()) {
            methods.add(result(MethodResult.RDAP, MethodResult.Status.UNAVAILABLE, "no registrable domain"));
        } else {
            try {
                registrar = registrars.registrar(h);
                methods.add(result(MethodResult.RDAP, MethodResult.Status.OK,
                        registrar.isPresent() ? "registrar found" : "the registry names no registrar"));
            } catch (IOException | RuntimeException e) {
                methods.add(result(MethodResult.RDAP, MethodResult.Status.FAILED, safeMessage(e)));
            }
        }
        return new Trace(h, chain, infos, cdn.map(CdnDetector.Match::cdn), registrar, methods, at);
    }

    private IpInfo lookUp(InetAddress ip, List<String> asnProblems, List<String> countryProblems) {
        Optional<Long> asn = Optional.empty();
        Optional<String> org = Optional.empty();
        Optional<String> country = Optional.empty();
        if (asnDb.isPresent()) {
            try {
                Optional<Map<String, Object>> record = asnDb.get().lookup(ip);
                asn = record.map(r -> r.get("autonomous_system_number"))
                        .filter(Number.class::isInstance).map(n -> ((Number) n).longValue());
                org = record.map(r -> r.get("autonomous_system_organization"))
                        .filter(String.class::isInstance).map(String.class::cast);
            } catch (IOException | RuntimeException e) {
                asnProblems.add(safeMessage(e));
            }
        }
        if (countryDb.isPresent()) {
            try {
                country = countryDb.get().lookup(ip).flatMap(HostingTracer::isoCode);
            } catch (IOException | RuntimeException e) {
                countryProblems.add(safeMessage(e));
            }
        }
        return new IpInfo(ip, asn, org, country);
    }

    /**
     * The {@code country} of a GeoLite2-Country record, falling back to {@code registered_country}: some ranges
     * (anycast, satellite, newly allocated) carry only the country the network is registered in.
     */
    private static Optional<String> isoCode(Map<String, Object> record) {
        for (String key : List.of("country", "registered_country")) {
            if (record.get(key) instanceof Map<?, ?> country && country.get("iso_code") instanceof String code
                    && code.length() == 2) {
                return Optional.of(code.toUpperCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private MethodResult databaseResult(String method, Optional<MmdbDatabase> db, long known, int asked,
            List<String> problems) {
        if (db.isEmpty()) {
            return result(method, MethodResult.Status.UNAVAILABLE, "no database configured");
        }
        if (!problems.isEmpty()) {
            return result(method, MethodResult.Status.FAILED, problems.getFirst() + "; " + db.get().describe());
        }
        return result(method, MethodResult.Status.OK, known + " of " + asked + " addresses known; "
                + db.get().describe());
    }

    private MethodResult result(String method, MethodResult.Status status, String detail) {
        return new MethodResult(method, status, detail, now());
    }

    /** Milliseconds: what every database stores without rounding, so a stored trace reads back equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String normalise(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return JndiDnsLookup.canonical(h);
    }

    private static Optional<InetAddress> literal(String host) {
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * An {@link IOException}'s message (the lookups' contract keeps names out of them); for anything else only its
     * type, since an unexpected exception's message could carry the host.
     */
    private static String safeMessage(Exception e) {
        String message = e instanceof IOException && e.getMessage() != null
                ? e.getMessage() : e.getClass().getSimpleName();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    @Override
    public void close() {
        asnDb.ifPresent(MmdbDatabase::close);
        countryDb.ifPresent(MmdbDatabase::close);
    }
}
