package org.tideline.server.hotline.trace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map-based {@link DnsLookup} for tests: names given a CNAME or addresses exist, every other name is NXDOMAIN,
 * and names marked {@link #failing} fail as a timed-out resolver would.
 *
 * <pre>{@code
 * DnsLookup dns = new FakeDns().cname("www.example", "example.cdn.cloudflare.net")
 *         .address("example.cdn.cloudflare.net", "104.16.0.1");
 * }</pre>
 */
public final class FakeDns implements DnsLookup {

    private final Map<String, String> cnames = new HashMap<>();
    private final Map<String, List<InetAddress>> addresses = new HashMap<>();
    private final List<String> failing = new ArrayList<>();

    public FakeDns cname(String name, String target) {
        cnames.put(name, target);
        return this;
    }

    public FakeDns address(String name, String... literals) {
        List<InetAddress> list = addresses.computeIfAbsent(name, k -> new ArrayList<>());
        for (String literal : literals) {
            list.add(InetAddress.ofLiteral(literal));
        }
        return this;
    }

    public FakeDns failing(String name) {
        failing.add(name);
        return this;
    }

    @Override
    public List<String> cnameChain(String host) throws IOException {
        check(host);
        List<String> chain = new ArrayList<>();
        String name = host;
        while (cnames.containsKey(name) && chain.size() < 10) {
            name = cnames.get(name);
            chain.add(name);
        }
        return chain;
    }

    @Override
    public List<InetAddress> addresses(String host) throws IOException {
        List<String> chain = cnameChain(host);
        String last = chain.isEmpty() ? host : chain.getLast();
        check(last);
        return List.copyOf(addresses.getOrDefault(last, List.of()));
    }

    private void check(String name) throws IOException {
        if (failing.contains(name)) {
            throw new IOException("DNS query failed: timeout");
        }
        if (!cnames.containsKey(name) && !addresses.containsKey(name)) {
            throw new UnknownHostException("no such name");
        }
    }
}
