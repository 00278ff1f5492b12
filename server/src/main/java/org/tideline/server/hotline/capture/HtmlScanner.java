package org.tideline.server.hotline.capture;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tolerant, single-pass reader of start tags and their attributes, enough to find where a page's media live.
 * It is not an HTML parser and need not be: it must only never be fooled into quadratic work or unbounded memory
 * by a hostile page. Every step moves forward; a tag or quoted value that never ends ends the scan (a browser would
 * also swallow the rest of the page into it); names and values over their caps are dropped, not buffered; comments
 * and the raw text of {@code script}, {@code style}, {@code textarea}, {@code title} and {@code xmp} are skipped
 * as browsers skip them.
 */
final class HtmlScanner {

    /** Receives each start tag; returns false to stop the scan. */
    @FunctionalInterface
    interface TagVisitor {
        boolean tag(String name, Map<String, String> attributes);
    }

    static final int MAX_VALUE = 16 * 1024;
    static final int MAX_ATTRIBUTES = 64;
    private static final int MAX_NAME = 64;
    /** The longest character reference decoded, {@code &#x10FFFF;}, fits. */
    private static final int MAX_REFERENCE = 10;

    private final String html;
    private final int end;
    private int at;

    private HtmlScanner(String html) {
        this.html = html;
        this.end = html.length();
    }

    static void scan(String html, TagVisitor visitor) {
        new HtmlScanner(html).run(visitor);
    }

    private void run(TagVisitor visitor) {
        while (at < end) {
            int open = html.indexOf('<', at);
            if (open < 0) return;
            at = open + 1;
            if (html.startsWith("!--", at)) {
                if (!skipPast("-->", at + 3)) return;
            } else if (at < end && (html.charAt(at) == '!' || html.charAt(at) == '?' || html.charAt(at) == '/')) {
                if (!skipPast(">", at)) return;
            } else if (at < end && isLetter(html.charAt(at))) {
                String name = name();
                Map<String, String> attributes = new LinkedHashMap<>();
                if (!attributes(attributes)) return;
                if (!visitor.tag(name, attributes)) return;
                if (isRawText(name) && !skipRawText(name)) return;
            }
        }
    }

    private String name() {
        int start = at;
        while (at < end && !isSpace(html.charAt(at)) && html.charAt(at) != '/' && html.charAt(at) != '>') at++;
        return html.substring(start, Math.min(at, start + MAX_NAME)).toLowerCase(Locale.ROOT);
    }

    /** Reads attributes up to the tag's {@code >}; false when the page ends first. */
    private boolean attributes(Map<String, String> attributes) {
        while (true) {
            while (at < end && (isSpace(html.charAt(at)) || html.charAt(at) == '/')) at++;
            if (at >= end) return false;
            if (html.charAt(at) == '>') {
                at++;
                return true;
            }
            int start = at++; // a name may start with '=', as in HTML's tokenizer
            while (at < end && !isSpace(html.charAt(at)) && "/>=".indexOf(html.charAt(at)) < 0) at++;
            String name = html.substring(start, Math.min(at, start + MAX_NAME)).toLowerCase(Locale.ROOT);
            while (at < end && isSpace(html.charAt(at))) at++;
            String value = "";
            boolean fits = true;
            if (at < end && html.charAt(at) == '=') {
                at++;
                while (at < end && isSpace(html.charAt(at))) at++;
                if (at >= end) return false;
                char quote = html.charAt(at);
                int valueStart;
                int valueEnd;
                if (quote == '"' || quote == '\'') {
                    valueStart = at + 1;
                    valueEnd = html.indexOf(quote, valueStart);
                    if (valueEnd < 0) return false;
                    at = valueEnd + 1;
                } else {
                    valueStart = at;
                    while (at < end && !isSpace(html.charAt(at)) && html.charAt(at) != '>') at++;
                    valueEnd = at;
                }
                fits = valueEnd - valueStart <= MAX_VALUE;
                if (fits) value = html.substring(valueStart, valueEnd);
            }
            if (fits && attributes.size() < MAX_ATTRIBUTES) attributes.putIfAbsent(name, decodeEntities(value));
        }
    }

    private boolean skipRawText(String name) {
        int from = at;
        while (true) {
            int close = html.indexOf("</", from);
            if (close < 0) return false;
            if (html.regionMatches(true, close + 2, name, 0, name.length())) {
                at = close + 2;
                return skipPast(">", at);
            }
            from = close + 2;
        }
    }

    private boolean skipPast(String marker, int from) {
        int found = html.indexOf(marker, from);
        if (found < 0) return false;
        at = found + marker.length();
        return true;
    }

    /** The character references that occur in URLs: {@code &amp;} and friends, decimal and hex numbers. */
    static String decodeEntities(String value) {
        int amp = value.indexOf('&');
        if (amp < 0) return value;
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (amp >= 0) {
            out.append(value, i, amp);
            int semicolon = semicolonNear(value, amp);
            String decoded = semicolon < 0 ? null : entity(value.substring(amp + 1, semicolon));
            if (decoded == null) {
                out.append('&');
                i = amp + 1;
            } else {
                out.append(decoded);
                i = semicolon + 1;
            }
            amp = value.indexOf('&', i);
        }
        return out.append(value, i, value.length()).toString();
    }

    /** The ';' that closes a reference starting at {@code amp}; looked for only as far as a reference can reach. */
    private static int semicolonNear(String value, int amp) {
        int last = Math.min(value.length() - 1, amp + MAX_REFERENCE);
        for (int i = amp + 1; i <= last; i++) {
            if (value.charAt(i) == ';') return i;
        }
        return -1;
    }

    private static String entity(String name) {
        switch (name) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            default: break;
        }
        if (name.length() < 2 || name.charAt(0) != '#') return null;
        boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
        String digits = name.substring(hex ? 2 : 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, hex ? 16 : 10) >= 0 && c < 0x80)) {
            return null;
        }
        long code = Long.parseLong(digits, hex ? 16 : 10);
        return code > 0 && code <= Character.MAX_CODE_POINT ? Character.toString((int) code) : null;
    }

    private static boolean isRawText(String name) {
        return switch (name) {
            case "script", "style", "textarea", "title", "xmp" -> true;
            default -> false;
        };
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
