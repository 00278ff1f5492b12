package org.tideline.server.hotline.capture;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The limits of a capture. Every byte, second, redirect and item is bounded, because every one of them is chosen by
 * whoever controls the reported site.
 *
 * @param maxPageBytes the largest HTML page read
 * @param maxItemBytes the largest media item read (also the limit of a reported URL that is itself an image)
 * @param maxTotalBytes the most bytes one capture reads, page and items together; items past it are skipped
 * @param connectTimeout how long a connection may take to open
 * @param readTimeout how long the server may stay silent during the handshake or a read
 * @param totalTimeout how long one capture may take in all, redirects and items included; items left when it runs
 *     out are skipped
 * @param maxRedirects redirects followed per resource
 * @param maxItems media items fetched per page; the rest are reported as skipped
 * @param pageTypes media types accepted for a page (lower case, no parameters)
 * @param mediaTypes media types accepted for an item, or for a reported URL that is itself media
 * @param allowList address ranges ({@code 10.1.2.0/24}, {@code ::1}) the fetcher may reach although they are private,
 *     loopback or otherwise refused; empty in production unless a deployment knowingly captures from inside
 * @param userAgent the User-Agent header sent
 */
public record FetchPolicy(
        long maxPageBytes,
        long maxItemBytes,
        long maxTotalBytes,
        Duration connectTimeout,
        Duration readTimeout,
        Duration totalTimeout,
        int maxRedirects,
        int maxItems,
        Set<String> pageTypes,
        Set<String> mediaTypes,
        List<String> allowList,
        String userAgent) {

    private static final long MB = 1024 * 1024;
    /** A Java array, and so a body in memory, cannot be larger. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    public static final Set<String> DEFAULT_PAGE_TYPES = Set.of("text/html", "application/xhtml+xml");
    public static final Set<String> DEFAULT_MEDIA_TYPES = Set.of(
            "image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff",
            "video/mp4", "video/webm");
    public static final String DEFAULT_USER_AGENT = "Tideline-capture/0.1";

    public FetchPolicy {
        requireBytes("maxPageBytes", maxPageBytes);
        requireBytes("maxItemBytes", maxItemBytes);
        requireBytes("maxTotalBytes", maxTotalBytes);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        requirePositive("totalTimeout", totalTimeout);
        if (maxRedirects < 0) throw new IllegalArgumentException("maxRedirects must not be negative");
        if (maxItems < 0) throw new IllegalArgumentException("maxItems must not be negative");
        pageTypes = lowerCase(pageTypes);
        mediaTypes = lowerCase(mediaTypes);
        allowList = List.copyOf(allowList);
        allowList.forEach(Cidr::parse); // fail at configuration time, not at the first capture
        if (userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("userAgent must be printable ASCII");
        }
    }

    /**
     * 5 MB a page, 20 MB an item, 50 MB a capture; 10 s to connect, 15 s of silence, 60 s in all; 5 redirects and 50
     * items; HTML pages and common image and video types; nothing allow-listed.
     */
    public static FetchPolicy defaults() {
        return new FetchPolicy(5 * MB, 20 * MB, 50 * MB, Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofSeconds(60), 5, 50, DEFAULT_PAGE_TYPES, DEFAULT_MEDIA_TYPES, List.of(), DEFAULT_USER_AGENT);
    }

    public FetchPolicy withAllowList(String... cidrs) {
        return new FetchPolicy(maxPageBytes, maxItemBytes, maxTotalBytes, connectTimeout, readTimeout, totalTimeout,
                maxRedirects, maxItems, pageTypes, mediaTypes, List.of(cidrs), userAgent);
    }

    public FetchPolicy withMaxPageBytes(long value) {
        return new FetchPolicy(value, maxItemBytes, maxTotalBytes, connectTimeout, readTimeout, totalTimeout,
                maxRedirects, maxItems, pageTypes, mediaTypes, allowList, userAgent);
    }

    public FetchPolicy withMaxItemBytes(long value) {
        return new FetchPolicy(maxPageBytes, value, maxTotalBytes, connectTimeout, readTimeout, totalTimeout,
                maxRedirects, maxItems, pageTypes, mediaTypes, allowList, userAgent);
    }

    public FetchPolicy withMaxTotalBytes(long value) {
        return new FetchPolicy(maxPageBytes, maxItemBytes, value, connectTimeout, readTimeout, totalTimeout,
                maxRedirects, maxItems, pageTypes, mediaTypes, allowList, userAgent);
    }

    public FetchPolicy withTimeouts(Duration connect, Duration read, Duration total) {
        return new FetchPolicy(maxPageBytes, maxItemBytes, maxTotalBytes, connect, read, total,
                maxRedirects, maxItems, pageTypes, mediaTypes, allowList, userAgent);
    }

    public FetchPolicy withMaxRedirects(int value) {
        return new FetchPolicy(maxPageBytes, maxItemBytes, maxTotalBytes, connectTimeout, readTimeout, totalTimeout,
                value, maxItems, pageTypes, mediaTypes, allowList, userAgent);
    }

    public FetchPolicy withMaxItems(int value) {
        return new FetchPolicy(maxPageBytes, maxItemBytes, maxTotalBytes, connectTimeout, readTimeout, totalTimeout,
                maxRedirects, value, pageTypes, mediaTypes, allowList, userAgent);
    }

    public FetchPolicy withMediaTypes(Set<String> value) {
        return new FetchPolicy(maxPageBytes, maxItemBytes, maxTotalBytes, connectTimeout, readTimeout, totalTimeout,
                maxRedirects, maxItems, pageTypes, value, allowList, userAgent);
    }

    private static void requireBytes(String name, long value) {
        if (value < 0 || value > MAX_BYTES) {
            throw new IllegalArgumentException(name + " must be from 0 to " + MAX_BYTES + ", got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }

    private static Set<String> lowerCase(Set<String> types) {
        return types.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
