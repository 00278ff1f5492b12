package org.tideline.server.hotline.trace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS through the JDK's own JNDI provider ({@code com.sun.jndi.dns}), which, unlike {@link InetAddress}, can ask for
 * CNAME records and bypasses the operating system's cache and hosts file: the trace wants what the public DNS says.
 *
 * <p>The chain is followed one query at a time (up to {@link #MAX_CHAIN} hops, so a CNAME loop ends), and addresses
 * are asked of the last name in it: whether a server volunteers the target's records alongside a CNAME answer is up
 * to the server, so the trace does not rely on it. Timeouts are the provider's: {@code timeout} for the first try,
 * doubled for the one retry. Error messages never contain the name asked about.
 */
final class JndiDnsLookup implements DnsLookup {

    static final int MAX_CHAIN = 10;
    private static final String[] CNAME = {"CNAME"};
    private static final List<String> ADDRESS_TYPES = List.of("A", "AAAA");

    private final String providerUrl;
    private final Duration timeout;

    JndiDnsLookup(String providerUrl, Duration timeout) {
        this.providerUrl = providerUrl;
        this.timeout = timeout;
    }

    @Override
    public List<String> cnameChain(String host) throws IOException {
        List<String> chain = new ArrayList<>();
        String name = host;
        DirContext ctx = context();
        try {
            while (chain.size() < MAX_CHAIN) {
                String target = first(query(ctx, name, CNAME).get("CNAME"));
                if (target == null) {
                    break;
                }
                name = canonical(target);
                if (name.equals(canonical(host)) || chain.contains(name)) {
                    break; // a loop: stop before going round again
                }
                chain.add(name);
            }
            return List.copyOf(chain);
        } finally {
            close(ctx);
        }
    }

    @Override
    public List<InetAddress> addresses(String host) throws IOException {
        List<String> chain = cnameChain(host);
        String last = chain.isEmpty() ? host : chain.getLast();
        DirContext ctx = context();
        try {
            List<InetAddress> out = new ArrayList<>();
            for (String type : ADDRESS_TYPES) {
                // One query per type: asking for both at once makes the provider send an ANY query, which many
                // resolvers now answer minimally (RFC 8482) instead of with the records.
                Attribute values = query(ctx, last, new String[] {type}).get(type);
                if (values == null) {
                    continue;
                }
                NamingEnumeration<?> all = values.getAll();
                while (all.hasMore()) {
                    out.add(InetAddress.ofLiteral(all.next().toString().trim()));
                }
            }
            return List.copyOf(out);
        } catch (NamingException e) {
            throw new IOException("DNS answer unreadable: " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new IOException("DNS answered with an address that is not one");
        } finally {
            close(ctx);
        }
    }

    private DirContext context() throws IOException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", providerUrl);
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, timeout.toMillis())));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        try {
            return new InitialDirContext(env);
        } catch (NamingException e) {
            throw new IOException("cannot set up DNS: " + e.getClass().getSimpleName());
        }
    }

    private static Attributes query(DirContext ctx, String name, String[] types) throws IOException {
        try {
            // The trailing dot makes the name absolute: no search domains from resolv.conf get appended.
            return ctx.getAttributes(absolute(name), types);
        } catch (NameNotFoundException e) {
            throw new UnknownHostException("no such name");
        } catch (NamingException e) {
            throw new IOException("DNS query failed: " + e.getClass().getSimpleName());
        }
    }

    private static String first(Attribute attr) throws IOException {
        try {
            return attr == null || attr.size() == 0 ? null : attr.get(0).toString();
        } catch (NamingException e) {
            throw new IOException("DNS answer unreadable: " + e.getClass().getSimpleName());
        }
    }

    private static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static void close(DirContext ctx) {
        try {
            ctx.close();
        } catch (NamingException ignored) {
            // nothing held open worth reporting
        }
    }
}
