package org.tideline.server.hotline.notice;

import java.util.regex.Pattern;

/**
 * The checks every value passes before it can reach a notice. Values end up in mail headers, where a CR or LF would
 * let them add headers of their own (a {@code Bcc:}, a second message), and in the text an abuse desk reads, where
 * Unicode format characters (bidirectional overrides, zero-width spaces) could make a URL look like another. So
 * both are refused, never silently stripped: a value that carries them is a bug or an attack upstream.
 *
 * <p>Messages name the field, never the value, because values are URLs of reported material and e-mail addresses.
 */
final class SafeText {

    /** An addr-spec we are willing to put in an SMTP command: ASCII, no quoting, no comments, a dotted domain. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final int MAX_ADDRESS = 254;
    private static final int MAX_LINE = 500;
    private static final int MAX_URL = 4096;

    private SafeText() {}

    /** One line of text: no CR, no LF, no other control or format character. */
    static String line(String field, String value) {
        return line(field, value, MAX_LINE);
    }

    static String line(String field, String value, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException(field + " must be a single line (it contains CR or LF)");
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT) {
                throw new IllegalArgumentException(field + " contains a control or format character");
            }
        }
        return value;
    }

    static String nonBlankLine(String field, String value) {
        if (line(field, value).isBlank()) {
            throw new IllegalArgumentException(field + " is blank");
        }
        return value;
    }

    /** An e-mail address as it goes into {@code RCPT TO:<...>} and a header: ASCII (IDN domains as punycode). */
    static String address(String field, String value) {
        line(field, value, MAX_ADDRESS);
        if (!ADDRESS.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " is not a plain ASCII e-mail address (local@domain)");
        }
        return value;
    }

    /** A reported URL, named in the notice as text: absolute http(s), no whitespace. */
    static String url(String field, String value) {
        line(field, value, MAX_URL);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i)) || Character.isSpaceChar(value.charAt(i))) {
                throw new IllegalArgumentException(field + " contains whitespace");
            }
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        boolean http = lower.startsWith("http://") || lower.startsWith("https://");
        if (!http || value.indexOf("://") + 3 == value.length()) {
            throw new IllegalArgumentException(field + " is not an absolute http(s) URL");
        }
        return value;
    }

    /**
     * A server's reply or a failure reason made fit for the record: one line, at most {@value #MAX_DETAIL}
     * characters, with anything that looks like an e-mail address or a URL replaced. Mail servers echo the
     * recipient in their replies ({@code 550 5.1.1 <abuse@host>: unknown}), and a content filter may quote a URL.
     */
    static String redact(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.replaceAll("[\\p{Cntrl}\\p{Cf}]+", " ").strip().split(" +")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            String lower = word.toLowerCase(java.util.Locale.ROOT);
            out.append(word.contains("@") ? "<address>" : lower.contains("://") || lower.startsWith("www.")
                    || lower.startsWith("<www.") ? "<url>" : word);
        }
        return out.length() <= MAX_DETAIL ? out.toString() : out.substring(0, MAX_DETAIL) + "...";
    }

    private static final int MAX_DETAIL = 300;

    /** The domain of an address checked by {@link #address}. */
    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
