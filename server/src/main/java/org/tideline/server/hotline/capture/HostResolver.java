package org.tideline.server.hotline.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The fetcher resolves each name once, vets every address it gets, and connects
 * only to those vetted addresses, so what this returns is exactly where the fetcher may go.
 *
 * <p>Pluggable so that tests can make a name resolve to a private address without a DNS server, and so that a
 * deployment can route lookups through a resolver of its choosing. The fetcher never passes an IP literal here: it
 * parses those itself.
 */
@FunctionalInterface
public interface HostResolver {

    /** All addresses of {@code host} (a name, never a literal); empty or an exception when it does not resolve. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver, through {@link InetAddress#getAllByName}. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
