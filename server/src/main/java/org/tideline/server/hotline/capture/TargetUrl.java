package org.tideline.server.hotline.capture;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * An http or https URL the fetcher accepts, parsed once so that the address vetted, the address connected to, the
 * {@code Host} header and the TLS server name all come from the same reading of it.
 *
 * <p>The JDK's {@link URI} parser does the strict part (no spaces, no stray characters). Hosts are then read the way
 * a browser reads them, because a reported URL is what a browser would open: a host whose last label is a number is
 * an IPv4 address in any of the forms {@code inet_aton} accepts ({@code 2130706433}, {@code 0x7f000001},
 * {@code 0177.0.0.1}, {@code 127.1}), and must parse as one or the URL is refused; a bracketed host is an IPv6
 * literal. Literals are never handed to a resolver, so no resolver can read them differently. User information
 * ({@code user:pass@}) and IPv6 zone ids are refused: neither has a place in a reported URL.
 */
record TargetUrl(URI uri, boolean https, String host, Optional<InetAddress> literal, int port) {

    // What the JDK leaves as a registry-based authority although browsers read an IPv4 address in it (127.1, 0x7f.1).
    private static final Pattern NUMERIC_AUTHORITY = Pattern.compile("[0-9A-Za-z.]+(:[0-9]{1,5})?");
    private static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    static TargetUrl parse(String text) throws FetchRefused {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad("the URL is malformed");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) throw bad("the URL is not an absolute http or https URL");
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw bad("only http and https URLs are fetched");
        if (uri.getRawUserInfo() != null) throw bad("the URL carries user information");
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null) {
            String authority = uri.getRawAuthority();
            if (authority == null || !NUMERIC_AUTHORITY.matcher(authority).matches()) {
                throw bad("the URL has no host the fetcher accepts");
            }
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
        }
        boolean https = scheme.equals("https");
        if (port == -1) port = https ? 443 : 80;
        if (port < 1 || port > 65_535) throw bad("the port is out of range");
        host = host.toLowerCase(Locale.ROOT);
        Optional<InetAddress> literal = literal(host);
        if (literal.isEmpty()) checkName(host);
        return new TargetUrl(withoutFragment(uri), https, host, literal, port);
    }

    /** Path and query as sent on the request line: ASCII only, since the URL was re-encoded when parsed. */
    String requestTarget() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    String hostHeader() {
        boolean defaultPort = port == (https ? 443 : 80);
        return defaultPort ? host : host + ":" + port;
    }

    /** The name a certificate must be issued for, and sent as SNI: the host without brackets or trailing dot. */
    String serverName() {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    private static Optional<InetAddress> literal(String host) throws FetchRefused {
        if (host.startsWith("[")) {
            String inner = host.substring(1, host.length() - 1);
            if (inner.indexOf('%') >= 0) throw bad("the URL has an IPv6 zone id");
            try {
                return Optional.of(InetAddress.ofLiteral(inner));
            } catch (IllegalArgumentException e) {
                throw bad("the URL has a malformed IPv6 address");
            }
        }
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!endsInNumber(bare)) return Optional.empty();
        try {
            return Optional.of(Inet4Address.ofPosixLiteral(bare));
        } catch (IllegalArgumentException e) {
            throw bad("the host ends in a number but is not an IPv4 address");
        }
    }

    /** The WHATWG URL standard's test for a host that must be an IPv4 address. */
    private static boolean endsInNumber(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (last.isEmpty()) return false;
        if (last.chars().allMatch(c -> c >= '0' && c <= '9')) return true;
        return last.startsWith("0x") && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static void checkName(String host) throws FetchRefused {
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (bare.isEmpty() || bare.length() > MAX_HOST_LENGTH) throw bad("the host name is empty or too long");
        for (String label : bare.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) throw bad("the host name has a bad label");
        }
    }

    private static URI withoutFragment(URI uri) throws FetchRefused {
        String ascii = uri.toASCIIString();
        int hash = ascii.indexOf('#');
        try {
            return new URI(hash < 0 ? ascii : ascii.substring(0, hash));
        } catch (URISyntaxException e) {
            throw bad("the URL is malformed");
        }
    }

    private static FetchRefused bad(String message) {
        return new FetchRefused(Reason.BAD_URL, message);
    }
}
