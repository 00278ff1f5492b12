package org.tideline.server.hotline.triage;

import java.nio.charset.StandardCharsets;
import org.tideline.server.hotline.triage.BadUrl.Problem;

/**
 * Percent-encoding normalisation of one URL component, as RFC 3986 sections 2.3, 2.4 and 6.2.2 set it out:
 * escapes of unreserved characters are decoded ({@code %7e} and {@code %7E} become {@code ~}); other escapes keep
 * their meaning and get upper-case hex digits ({@code %2f} becomes {@code %2F}, never {@code /}); characters that may
 * not appear raw are encoded, non-ASCII as UTF-8 bytes. A {@code %} that starts no escape is written {@code %25},
 * which is what it means to a server.
 *
 * <p>Only unreserved characters are decoded because only they are equivalent in every URL; a reserved character and
 * its escape may mean different things to the server ({@code a%2Fb} is one path segment).
 */
final class PercentEncoding {
    /** pchar minus unreserved, plus '/': what may stand raw in a path (RFC 3986 section 3.3). */
    static final String PATH_RAW = "!$&'()*+,;=:@/";
    /** Query and fragment also allow '?' (sections 3.4, 3.5). '&' is the parameter separator: split first. */
    static final String QUERY_RAW = PATH_RAW + "?";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    static String normalise(String component, String allowedRaw) {
        StringBuilder out = new StringBuilder(component.length() + 16);
        int i = 0;
        while (i < component.length()) {
            char c = component.charAt(i);
            if (c == '%') {
                i = escape(component, i, out);
            } else if (c < 0x80) {
                if (isUnreserved(c) || allowedRaw.indexOf(c) >= 0) {
                    out.append(c);
                } else {
                    appendEscape(out, c);
                }
                i++;
            } else {
                int cp = component.codePointAt(i);
                if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                    throw new BadUrl(Problem.INVALID_UNICODE); // a lone surrogate has no UTF-8 form
                }
                for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                    appendEscape(out, b & 0xff);
                }
                i += Character.charCount(cp);
            }
        }
        return out.toString();
    }

    /** Handles the '%' at {@code at}; returns the index after what it consumed. */
    private static int escape(String component, int at, StringBuilder out) {
        if (at + 2 < component.length()
                && Hosts.isHex(component.charAt(at + 1)) && Hosts.isHex(component.charAt(at + 2))) {
            int value = Hosts.hexValue(component.charAt(at + 1)) * 16 + Hosts.hexValue(component.charAt(at + 2));
            if (value < 0x80 && isUnreserved((char) value)) {
                out.append((char) value);
            } else {
                appendEscape(out, value);
            }
            return at + 3;
        }
        appendEscape(out, '%');
        return at + 1;
    }

    private static void appendEscape(StringBuilder out, int octet) {
        out.append('%').append(HEX[octet >> 4]).append(HEX[octet & 0xf]);
    }

    /** ALPHA / DIGIT / "-" / "." / "_" / "~" (RFC 3986 section 2.3). */
    static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
