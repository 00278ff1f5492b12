package org.tideline.server.hotline.capture;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolving a link from a page or a Location header against the URL it came from. Pages are sloppy and browsers
 * forgive them, so the link is first cleaned the way a browser would (surrounding blanks and embedded tabs and line
 * breaks dropped, backslashes in the path read as slashes, spaces and non-ASCII percent-encoded) and then resolved
 * by RFC 3986 section 5.2, which the JDK's {@link URI#resolve} does not follow for dot segments, empty references and
 * query-only references. The result is only a candidate: it is parsed strictly and vetted again before any fetch.
 */
final class Links {

    private static final String HEX = "0123456789ABCDEF";

    private Links() {}

    /** {@code reference} resolved against {@code base}, without fragment; empty unless it is http or https. */
    static Optional<String> resolve(URI base, String reference) {
        URI ref;
        try {
            ref = new URI(clean(reference));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme;
        String authority;
        String path;
        String query;
        if (ref.getScheme() != null) {
            scheme = ref.getScheme().toLowerCase(Locale.ROOT);
            if (ref.isOpaque()) return Optional.empty();
            authority = ref.getRawAuthority();
            path = removeDotSegments(nonNull(ref.getRawPath()));
            query = ref.getRawQuery();
        } else {
            scheme = base.getScheme().toLowerCase(Locale.ROOT);
            if (ref.getRawAuthority() != null) {
                authority = ref.getRawAuthority();
                path = removeDotSegments(nonNull(ref.getRawPath()));
                query = ref.getRawQuery();
            } else {
                authority = base.getRawAuthority();
                String refPath = nonNull(ref.getRawPath());
                if (refPath.isEmpty()) {
                    path = nonNull(base.getRawPath());
                    query = ref.getRawQuery() != null ? ref.getRawQuery() : base.getRawQuery();
                } else {
                    path = removeDotSegments(refPath.startsWith("/") ? refPath : merge(base, refPath));
                    query = ref.getRawQuery();
                }
            }
        }
        if (!scheme.equals("http") && !scheme.equals("https") || authority == null) return Optional.empty();
        if (path.isEmpty()) path = "/";
        return Optional.of(scheme + "://" + authority + path + (query == null ? "" : "?" + query));
    }

    /** What a browser does to an attribute value before parsing it as a URL, minus the fragment. */
    static String clean(String reference) {
        String trimmed = reference.strip();
        int hash = trimmed.indexOf('#');
        if (hash >= 0) trimmed = trimmed.substring(0, hash);
        int queryStart = trimmed.indexOf('?');
        StringBuilder out = new StringBuilder(trimmed.length() + 16);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') continue;
            if (c == '\\' && (queryStart < 0 || i < queryStart)) {
                out.append('/');
            } else if (c == '%' && !isEscape(trimmed, i)) {
                out.append("%25");
            } else if (c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0) {
                int end = Character.isHighSurrogate(c) && i + 1 < trimmed.length() ? i + 2 : i + 1;
                for (byte b : trimmed.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
                }
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String merge(URI base, String refPath) {
        String basePath = nonNull(base.getRawPath());
        if (base.getRawAuthority() != null && basePath.isEmpty()) return "/" + refPath;
        return basePath.substring(0, basePath.lastIndexOf('/') + 1) + refPath;
    }

    /** RFC 3986 section 5.2.4, walking an index rather than cutting strings, so that it stays linear. */
    static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        int n = path.length();
        while (i < n) {
            if (path.startsWith("../", i)) {
                i += 3;
            } else if (path.startsWith("./", i) || path.startsWith("/./", i)) {
                i += 2;
            } else if (i + 2 == n && path.startsWith("/.", i)) {
                out.append('/');
                i = n;
            } else if (path.startsWith("/../", i)) {
                out.setLength(Math.max(0, out.lastIndexOf("/")));
                i += 3;
            } else if (i + 3 == n && path.startsWith("/..", i)) {
                out.setLength(Math.max(0, out.lastIndexOf("/")));
                out.append('/');
                i = n;
            } else if ((i + 1 == n && path.charAt(i) == '.') || (i + 2 == n && path.startsWith("..", i))) {
                i = n;
            } else {
                int next = path.indexOf('/', i + 1);
                if (next < 0) next = n;
                out.append(path, i, next);
                i = next;
            }
        }
        return out.toString();
    }

    private static boolean isEscape(String text, int percent) {
        return percent + 2 < text.length() && isHex(text.charAt(percent + 1)) && isHex(text.charAt(percent + 2));
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
