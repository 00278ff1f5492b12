package org.tideline.server.hotline.notice;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes a {@link NoticeMessage} as an Internet message (RFC 5322, MIME): one {@code text/plain; charset=UTF-8}
 * part, quoted-printable, with CRLF line ends. The result is pure ASCII in lines of at most 78 characters, so any
 * relay carries it unchanged, with or without 8BITMIME or SMTPUTF8, and no line can reach SMTP's 998-octet limit
 * whatever the URLs' length. Non-ASCII in the subject or the sender's name is written as RFC 2047 encoded words.
 *
 * <p>Every line break in the body becomes CRLF, so a bare CR or LF never reaches the wire (the ambiguity "SMTP
 * smuggling" exploits). Dot-stuffing is the SMTP session's job, not this class's.
 */
final class MailFormat {

    private static final String CRLF = "\r\n";
    /** RFC 2045 6.7: encoded lines of at most 76 characters, the soft break's {@code =} included. */
    private static final int QP_LINE = 76;
    /** RFC 5322 2.1.1: header lines SHOULD stay within 78 characters. */
    private static final int HEADER_LINE = 78;
    /** RFC 2047 2: an encoded word is at most 75 characters; 45 bytes become 60 of base64, plus 12 of wrapping. */
    private static final int WORD_BYTES = 45;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MailFormat() {}

    /** The whole message, headers and body, as the bytes that follow {@code DATA} (before dot-stuffing). */
    static byte[] render(NoticeMessage message, String from, Optional<String> replyTo, Instant date) {
        Notice notice = message.notice();
        StringBuilder out = new StringBuilder(message.text().length() * 11 / 10 + 1024);
        header(out, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)));
        header(out, "From", displayName(notice.hotline().name()) + " <" + from + ">");
        replyTo.ifPresent(r -> header(out, "Reply-To", "<" + r + ">"));
        header(out, "To", "<" + notice.recipient().address() + ">");
        header(out, "Subject", message.subject());
        message.headers().forEach((name, value) -> header(out, name, value));
        header(out, "Content-Language", notice.language());
        header(out, "MIME-Version", "1.0");
        header(out, "Content-Type", "text/plain; charset=UTF-8");
        header(out, "Content-Transfer-Encoding", "quoted-printable");
        out.append(CRLF);
        out.append(quotedPrintable(message.text()));
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One header field, folded at spaces to keep lines short; non-ASCII values become encoded words. Values were
     * checked to be single lines when the message was made; this checks again, since a header is where a line
     * break does harm.
     */
    static void header(StringBuilder out, String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " contains CR or LF");
        }
        String text = isAscii(value) ? value : encodedWords(value);
        int column = name.length() + 1;
        out.append(name).append(':');
        for (String word : text.split(" ")) {
            if (column + 1 + word.length() > HEADER_LINE && column > name.length() + 1) {
                out.append(CRLF);
                column = 0;
            }
            out.append(' ').append(word);
            column += 1 + word.length();
        }
        out.append(CRLF);
    }

    /** A quoted string for an ASCII name (quotes and backslashes escaped), encoded words otherwise. */
    static String displayName(String name) {
        if (!isAscii(name)) {
            return encodedWords(name);
        }
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * {@code =?UTF-8?B?...?=} words of at most 75 characters, separated by spaces (which decoders drop between
     * encoded words), each holding whole characters: a split UTF-8 sequence would decode as garbage.
     */
    static String encodedWords(String value) {
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        int i = 0;
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (chunk.size() + bytes.length > WORD_BYTES) {
                word(out, chunk);
            }
            chunk.writeBytes(bytes);
            i += Character.charCount(cp);
        }
        word(out, chunk);
        return out.toString();
    }

    private static void word(StringBuilder out, ByteArrayOutputStream chunk) {
        if (chunk.size() == 0) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(chunk.toByteArray())).append("?=");
        chunk.reset();
    }

    /**
     * RFC 2045 quoted-printable of UTF-8 text: hard line breaks (any of CRLF, CR, LF) become CRLF, lines are
     * soft-broken before 76 characters without splitting an {@code =XX}, and spaces or tabs at a line's end are
     * encoded, since relays may strip them. The text always ends with a line break.
     */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 8 + 16);
        String[] lines = text.split("\r\n|\r|\n", -1);
        int count = lines.length;
        if (count > 1 && lines[count - 1].isEmpty()) {
            count--; // the final line break, not an empty last line
        }
        for (int l = 0; l < count; l++) {
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int column = 0;
            for (int b = 0; b < bytes.length; b++) {
                int c = bytes[b] & 0xff;
                boolean last = b == bytes.length - 1;
                boolean literal = c >= 33 && c <= 126 && c != '=' || (c == ' ' || c == '\t') && !last;
                int width = literal ? 1 : 3;
                // Room for this token, and for the soft break's '=' unless the token ends the line.
                if (column + width > (last ? QP_LINE : QP_LINE - 1)) {
                    out.append('=').append(CRLF);
                    column = 0;
                }
                if (literal) {
                    out.append((char) c);
                } else {
                    out.append('=').append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
                column += width;
            }
            out.append(CRLF);
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
