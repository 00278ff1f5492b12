package org.tideline.server.hotline.trace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * DNS as the trace needs it: the CNAME chain a name leads through, and the addresses it ends at.
 *
 * <p>Pluggable so that tests never need the internet, and so that a deployment can query a resolver of its choosing.
 * A name that does not exist (NXDOMAIN) is an {@link UnknownHostException}; any other failure (timeout, server
 * failure) is another {@link IOException}. Implementations must keep the names they are asked about out of logs and
 * exception messages (the trace records messages): they are hosts of reported URLs.
 */
public interface DnsLookup {

    /** The CNAME targets from {@code host} on, in order, without {@code host} itself; empty when it has no CNAME. */
    List<String> cnameChain(String host) throws IOException;

    /** The A and AAAA addresses of {@code host}, after following its CNAME chain. */
    List<InetAddress> addresses(String host) throws IOException;

    /**
     * The JDK's DNS provider (JNDI, {@code dns:}) using the system's configured name servers, each query bounded by
     * {@code timeout} and one retry.
     */
    static DnsLookup system(Duration timeout) {
        return new JndiDnsLookup("dns:", timeout);
    }

    /** {@link #system(Duration)} with a 3-second timeout per query. */
    static DnsLookup system() {
        return system(Duration.ofSeconds(3));
    }
}
