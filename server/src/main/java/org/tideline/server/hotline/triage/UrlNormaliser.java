package org.tideline.server.hotline.triage;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tideline.server.hotline.triage.BadUrl.Problem;

/**
 * Turns a URL as a member of the public reports it into its canonical {@link NormalisedUrl}, so that reports of one
 * page are recognised as duplicates and matched against known-URL lists. The rules, with examples, are in
 * docs/hotline-triage.md; in order:
 *
 * <ol>
 *   <li>Clean: strip surrounding whitespace and controls, drop tabs and line breaks inside (a URL pasted across
 *       lines), refuse any other control character, undo {@code [.]} and {@code [:]} defanging.</li>
 *   <li>Scheme: {@code http} or {@code https} in any case, {@code hxxp}/{@code hxxps} defanged; none at all means
 *       {@code http}; any other scheme is refused. As browsers do for web URLs, any run of slashes after the scheme
 *       is the authority's start and {@code \} counts as {@code /} before the query.</li>
 *   <li>Authority: userinfo dropped (the host is what follows the <em>last</em> {@code @}); the host made canonical
 *       by {@link Hosts}; the scheme's default port dropped.</li>
 *   <li>Path: {@link PercentEncoding percent-encoding normalised}, then {@link DotSegments dot segments} removed;
 *       empty is {@code /}; duplicate slashes are kept.</li>
 *   <li>Query: {@link TrackingParameters tracking parameters} removed, the rest normalised and kept in order; an
 *       empty query is dropped with its {@code ?}.</li>
 *   <li>Fragment: dropped, as servers never see it, unless it starts with {@code !} or {@code /}: hash-bang and
 *       hash routes select content in single-page sites, and dropping them would merge different pages.</li>
 * </ol>
 *
 * <p>The result is idempotent: normalising a canonical URL returns it unchanged. Nothing here logs, and no
 * {@link BadUrl} quotes its input.
 */
public final class UrlNormaliser {
    /** The longest URL accepted, before and after normalisation: 8 KiB, more than any real link needs. */
    public static final int MAX_LENGTH = 8 * 1024;

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
    private static final Pattern PORT_AFTER_COLON = Pattern.compile("^[0-9]+(?:[/?#\\\\].*)?$", Pattern.DOTALL);
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;
    private static final int MAX_PORT = 65_535;

    private UrlNormaliser() {
    }

    /**
     * The canonical form of {@code reported}.
     *
     * @throws BadUrl when it is not an http(s) URL that can be made canonical; the message never quotes it
     */
    public static NormalisedUrl normalise(String reported) {
        Objects.requireNonNull(reported, "reported");
        if (reported.length() > MAX_LENGTH) {
            throw new BadUrl(Problem.TOO_LONG); // before any work on it
        }
        String text = undefang(clean(reported));
        if (text.isEmpty()) {
            throw new BadUrl(Problem.EMPTY);
        }

        String scheme = "http";
        String rest = text;
        Matcher schemeMatch = SCHEME.matcher(text);
        if (schemeMatch.find()) {
            String written = schemeMatch.group(1).toLowerCase(Locale.ROOT);
            String afterColon = text.substring(schemeMatch.end());
            if (isHostWithPort(written, afterColon)) {
                rest = text; // "example.com:8080/a": no scheme, the colon starts a port
            } else {
                scheme = webScheme(written);
                rest = afterColon;
            }
        }
        rest = stripLeadingSlashes(rest);
        rest = backslashesToSlashesBeforeQuery(rest);

        int authorityEnd = indexOfAny(rest, "/?#", 0);
        String authority = rest.substring(0, authorityEnd);
        String remainder = rest.substring(authorityEnd);

        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int portColon = portColon(hostAndPort);
        String host = Hosts.canonical(portColon < 0 ? hostAndPort : hostAndPort.substring(0, portColon));
        int port = portColon < 0 ? -1 : port(hostAndPort.substring(portColon + 1));

        int fragmentStart = remainder.indexOf('#');
        String beforeFragment = fragmentStart < 0 ? remainder : remainder.substring(0, fragmentStart);
        int queryStart = beforeFragment.indexOf('?');
        String path = queryStart < 0 ? beforeFragment : beforeFragment.substring(0, queryStart);

        StringBuilder url = new StringBuilder(text.length() + 16).append(scheme).append("://").append(host);
        if (port >= 0 && port != defaultPort(scheme)) {
            url.append(':').append(port);
        }
        url.append(DotSegments.remove(PercentEncoding.normalise(path, PercentEncoding.PATH_RAW)));
        if (queryStart >= 0) {
            String query = TrackingParameters.strip(beforeFragment.substring(queryStart + 1), host);
            if (!query.isEmpty()) {
                url.append('?').append(query);
            }
        }
        if (fragmentStart >= 0) {
            String fragment =
                    PercentEncoding.normalise(remainder.substring(fragmentStart + 1), PercentEncoding.QUERY_RAW);
            if (fragment.startsWith("!") || fragment.startsWith("/")) {
                url.append('#').append(fragment);
            }
        }
        if (url.length() > MAX_LENGTH) {
            throw new BadUrl(Problem.TOO_LONG); // encoding can multiply a non-ASCII URL's length by nine
        }
        return new NormalisedUrl(url.toString(), host);
    }

    /**
     * Strips leading and trailing whitespace and controls (including no-break space and BOM, common in pasted text),
     * removes tabs and line breaks anywhere, and refuses other C0 and C1 controls and DEL.
     */
    private static String clean(String reported) {
        int start = 0;
        int end = reported.length();
        while (start < end && isStrippable(reported.charAt(start))) {
            start++;
        }
        while (end > start && isStrippable(reported.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = reported.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new BadUrl(Problem.CONTROL_CHARACTER);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isStrippable(char c) {
        return c <= 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '\uFEFF' || c == '\u200B';
    }

    /** {@code [.]} and {@code [:]} are how abuse reports and threat feeds write links that must not be clickable. */
    private static String undefang(String text) {
        return text.replace("[.]", ".").replace("[:]", ":");
    }

    /** "example.com:8080" and "localhost:8080" look like a scheme followed by a colon; they are a host and port. */
    private static boolean isHostWithPort(String written, String afterColon) {
        return (written.indexOf('.') >= 0 || written.equals("localhost"))
                && PORT_AFTER_COLON.matcher(afterColon).matches();
    }

    private static String webScheme(String written) {
        return switch (written) {
            case "http", "hxxp" -> "http";
            case "https", "hxxps" -> "https";
            default -> throw new BadUrl(Problem.UNSUPPORTED_SCHEME);
        };
    }

    private static String stripLeadingSlashes(String rest) {
        int i = 0;
        while (i < rest.length() && (rest.charAt(i) == '/' || rest.charAt(i) == '\\')) {
            i++;
        }
        return rest.substring(i);
    }

    /** Browsers read {@code http://a.test\@b.test/} as host a.test: a backslash ends the authority. */
    private static String backslashesToSlashesBeforeQuery(String rest) {
        int queryOrFragment = indexOfAny(rest, "?#", 0);
        return rest.substring(0, queryOrFragment).replace('\\', '/') + rest.substring(queryOrFragment);
    }

    /** The ':' before a port, or -1; an IPv6 literal's own colons are inside its brackets. */
    private static int portColon(String hostAndPort) {
        int from = 0;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                throw new BadUrl(Problem.BAD_HOST);
            }
            from = close + 1;
            if (from < hostAndPort.length() && hostAndPort.charAt(from) != ':') {
                throw new BadUrl(Problem.BAD_HOST);
            }
        }
        return hostAndPort.indexOf(':', from);
    }

    /** The port's value, or -1 when the colon has no digits after it ("example.com:" is example.com). */
    private static int port(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadUrl(Problem.BAD_PORT);
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 5 || Integer.parseInt(significant) > MAX_PORT) {
            throw new BadUrl(Problem.BAD_PORT);
        }
        return Integer.parseInt(significant);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? HTTPS_PORT : HTTP_PORT;
    }

    private static int indexOfAny(String text, String characters, int from) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
