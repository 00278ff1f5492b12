package org.tideline.server.hotline.capture;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * Captures a reported page and the media on it, within a {@link FetchPolicy}, so that they can be hashed and
 * matched before anyone looks at them. See the package documentation for the rules. Thread-safe: it holds no state
 * between calls, and each call uses its own connections.
 */
public final class SafeFetcher {

    /** How many links past {@link FetchPolicy#maxItems()} are listed as skipped; beyond that they are not listed. */
    static final int MAX_LISTED_OVER_LIMIT = 1_000;

    private final FetchPolicy policy;
    private final ResourceFetcher fetcher;

    private SafeFetcher(FetchPolicy policy, ResourceFetcher fetcher) {
        this.policy = policy;
        this.fetcher = fetcher;
    }

    public static SafeFetcher create(FetchPolicy policy, HostResolver resolver) {
        try {
            return create(policy, resolver, SSLContext.getDefault().getSocketFactory());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /** With a TLS context of the caller's: tests that trust a certificate of their own. */
    static SafeFetcher create(FetchPolicy policy, HostResolver resolver, SSLSocketFactory tls) {
        return new SafeFetcher(policy, new ResourceFetcher(policy, resolver, tls));
    }

    /**
     * Fetches the page at {@code url} and the media it links, or, when {@code url} is itself an image or video, that
     * one item. Refused when the page itself cannot be fetched within the policy (404 and 410 as
     * {@link Reason#NOT_FOUND}); media that cannot be are listed in {@link Capture#skipped()}.
     */
    public Capture capture(String url) throws FetchRefused {
        Deadline deadline = Deadline.after(policy.totalTimeout());
        ResourceFetcher.Response page = fetcher.get(url, deadline,
                type -> pageOrMediaLimit(type, policy.maxTotalBytes()));
        if (page.status() / 100 != 2) throw FetchRefused.forStatus(page.status());
        if (!page.read()) {
            throw new FetchRefused(Reason.BAD_CONTENT_TYPE, page.mediaType()
                    .map(t -> "the content type " + t + " is neither a page nor media")
                    .orElse("the response declares no content type"));
        }
        String type = page.mediaType().orElseThrow();
        String finalUrl = page.url().toString();
        if (!policy.pageTypes().contains(type)) {
            requireLooksLike(type, page.body());
            return new Capture(finalUrl, page.status(), Optional.empty(),
                    List.of(new CapturedItem(url, finalUrl, type, page.body())), List.of());
        }
        String html = new String(page.body(), page.charset());
        List<String> links = MediaLinks.find(html, page.url().uri(), policy.maxItems() + MAX_LISTED_OVER_LIMIT);
        List<CapturedItem> items = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        long spent = page.body().length;
        for (String link : links) {
            if (link.equals(finalUrl)) continue;
            if (items.size() + skipped.size() >= policy.maxItems()) {
                skipped.add(new Skipped(link, Reason.TOO_MANY_ITEMS,
                        "the page links more than " + policy.maxItems() + " items"));
                continue;
            }
            try {
                CapturedItem item = item(link, deadline, policy.maxTotalBytes() - spent);
                spent += item.bytes().length;
                items.add(item);
            } catch (FetchRefused refused) {
                skipped.add(Skipped.of(link, refused));
            }
        }
        return new Capture(finalUrl, page.status(), Optional.of(new Page(type, page.body())), items, skipped);
    }

    /**
     * Fetches one resource within the policy and reports what the server says, whatever the status: for checks of
     * whether something is still there. The body is read for a success with an allowed page or media type.
     */
    public Fetched fetchOne(String url) throws FetchRefused {
        Deadline deadline = Deadline.after(policy.totalTimeout());
        ResourceFetcher.Response response = fetcher.get(url, deadline,
                type -> pageOrMediaLimit(type, Long.MAX_VALUE));
        return new Fetched(response.url().toString(), response.status(), response.mediaType(), response.body());
    }

    private CapturedItem item(String link, Deadline deadline, long budget) throws FetchRefused {
        if (deadline.expired()) throw deadline.tooSlow();
        if (budget <= 0) {
            throw new FetchRefused(Reason.TOO_LARGE,
                    "the capture's limit of " + policy.maxTotalBytes() + " bytes is spent");
        }
        ResourceFetcher.Response response = fetcher.get(link, deadline, type -> type
                .filter(policy.mediaTypes()::contains)
                .map(t -> OptionalLong.of(Math.min(policy.maxItemBytes(), budget)))
                .orElse(OptionalLong.empty()));
        if (response.status() / 100 != 2) throw FetchRefused.forStatus(response.status());
        String type = response.mediaType()
                .orElseThrow(() -> new FetchRefused(Reason.BAD_CONTENT_TYPE, "the response declares no content type"));
        if (!response.read()) {
            throw new FetchRefused(Reason.BAD_CONTENT_TYPE, "the content type " + type + " is not an allowed media type");
        }
        requireLooksLike(type, response.body());
        return new CapturedItem(link, response.url().toString(), type, response.body());
    }

    private static void requireLooksLike(String type, byte[] body) throws FetchRefused {
        if (!ContentTypes.looksLike(type, body)) {
            throw new FetchRefused(Reason.BAD_CONTENT_TYPE, "the body is not the " + type + " it claims to be");
        }
    }

    /** A reported URL may be a page or itself media; each has its own limit, and neither may exceed {@code cap}. */
    private OptionalLong pageOrMediaLimit(Optional<String> type, long cap) {
        if (type.isEmpty()) return OptionalLong.empty();
        if (policy.pageTypes().contains(type.get())) return OptionalLong.of(Math.min(policy.maxPageBytes(), cap));
        if (policy.mediaTypes().contains(type.get())) return OptionalLong.of(Math.min(policy.maxItemBytes(), cap));
        return OptionalLong.empty();
    }
}
