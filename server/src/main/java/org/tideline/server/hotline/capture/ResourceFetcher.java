package org.tideline.server.hotline.capture;

import java.net.InetAddress;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSocketFactory;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * GETs one resource: parse, resolve, vet every address, connect to a vetted one, and follow redirects by doing all
 * of that again for each new location, so a public page cannot redirect the fetcher inward.
 *
 * <p>A host name that resolves to several addresses is refused if any of them is refused, rather than trimmed to
 * the good ones: a name that mixes public and private addresses is the shape of a rebinding attack, and no
 * legitimate site needs it.
 */
final class ResourceFetcher {

    /** The body limit for a declared media type; empty to leave the body unread. */
    @FunctionalInterface
    interface BodyLimit {
        OptionalLong forType(Optional<String> mediaType);
    }

    /**
     * A final (non-redirect) response.
     *
     * @param body read only for a success whose type the {@link BodyLimit} allowed; empty otherwise
     */
    record Response(TargetUrl url, int status, Optional<String> mediaType, Charset charset, byte[] body, boolean read) {}

    private static final byte[] NOTHING = new byte[0];

    private final FetchPolicy policy;
    private final HostResolver resolver;
    private final AddressRules rules;
    private final SSLSocketFactory tls;

    ResourceFetcher(FetchPolicy policy, HostResolver resolver, SSLSocketFactory tls) {
        this.policy = policy;
        this.resolver = resolver;
        this.rules = new AddressRules(policy.allowList().stream().map(Cidr::parse).toList());
        this.tls = tls;
    }

    Response get(String url, Deadline deadline, BodyLimit limit) throws FetchRefused {
        TargetUrl target = TargetUrl.parse(url);
        for (int redirects = 0; ; redirects++) {
            List<InetAddress> addresses = vet(target, deadline);
            try (HttpConnection connection = HttpConnection.open(target, addresses, policy, tls, deadline)) {
                ResponseHead head = connection.get(target, policy.userAgent());
                Optional<String> location = isRedirect(head.status()) ? head.single("location") : Optional.empty();
                if (location.isPresent()) {
                    if (redirects >= policy.maxRedirects()) {
                        throw new FetchRefused(Reason.TOO_MANY_REDIRECTS,
                                "more than " + policy.maxRedirects() + " redirects");
                    }
                    String next = Links.resolve(target.uri(), location.get()).orElseThrow(
                            () -> new FetchRefused(Reason.BAD_URL, "a redirect to a URL that is not http or https"));
                    target = TargetUrl.parse(next);
                    continue;
                }
                Optional<String> contentType = head.single("content-type");
                Optional<String> mediaType = ContentTypes.mediaType(contentType);
                Charset charset = ContentTypes.charset(contentType);
                OptionalLong max = head.status() / 100 == 2 ? limit.forType(mediaType) : OptionalLong.empty();
                if (max.isEmpty()) return new Response(target, head.status(), mediaType, charset, NOTHING, false);
                byte[] body = connection.body(head, max.getAsLong());
                return new Response(target, head.status(), mediaType, charset, body, true);
            }
        }
    }

    private List<InetAddress> vet(TargetUrl target, Deadline deadline) throws FetchRefused {
        if (BadPorts.contains(target.port())) {
            throw new FetchRefused(Reason.BLOCKED_ADDRESS, "the port is one browsers refuse to fetch from");
        }
        List<InetAddress> addresses = target.literal().isPresent()
                ? List.of(target.literal().get()) : resolve(target.serverName(), deadline);
        for (InetAddress address : addresses) {
            Optional<String> refusal = rules.refusal(address);
            if (refusal.isPresent()) {
                throw new FetchRefused(Reason.BLOCKED_ADDRESS, (target.literal().isPresent()
                        ? "the address is " : "the host name resolves to an address that is ") + refusal.get());
            }
        }
        return addresses;
    }

    /** Resolves on a thread of its own, so that a resolver that hangs costs the deadline, not the caller. */
    private List<InetAddress> resolve(String host, Deadline deadline) throws FetchRefused {
        FutureTask<List<InetAddress>> lookup = new FutureTask<>(() -> List.copyOf(resolver.resolve(host)));
        Thread.ofVirtual().name("capture-resolver").start(lookup);
        try {
            List<InetAddress> addresses = lookup.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
            if (addresses.isEmpty()) throw unresolvable();
            return addresses;
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw deadline.tooSlow();
        } catch (ExecutionException e) {
            throw unresolvable();
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchRefused(Reason.CONNECTION_FAILED, "interrupted while resolving the host name");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static FetchRefused unresolvable() {
        return new FetchRefused(Reason.UNRESOLVABLE, "the host name does not resolve");
    }
}
