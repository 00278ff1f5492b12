package org.tideline.server.hotline.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Names to addresses without DNS: "evil.test" can resolve to the metadata service and nothing leaves the machine. */
final class TestResolver implements HostResolver {

    private final Map<String, List<InetAddress>> names = new HashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    TestResolver map(String name, String... addresses) {
        names.put(name, java.util.Arrays.stream(addresses).map(InetAddress::ofLiteral).toList());
        return this;
    }

    TestResolver map(String name, InetAddress... addresses) {
        names.put(name, List.of(addresses));
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        List<InetAddress> addresses = names.get(host);
        if (addresses == null) throw new UnknownHostException("not in the test resolver");
        return addresses;
    }
}
