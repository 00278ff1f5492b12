package org.tideline.server.hotline.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Quoted-printable (RFC 2045 6.7), encoded words (RFC 2047) and header folding, checked by hand-made examples. */
class MailFormatTest {

    @Test
    void quoted_printable_keeps_ascii_text_as_it_is_and_encodes_equals_and_non_ascii() {
        assertThat(MailFormat.quotedPrintable("plain text\n")).isEqualTo("plain text\r\n");
        assertThat(MailFormat.quotedPrintable("a=b è")).isEqualTo("a=3Db =C3=A8\r\n");
    }

    @Test
    void quoted_printable_encodes_a_trailing_space_or_tab() {
        assertThat(MailFormat.quotedPrintable("end \nend\t\n")).isEqualTo("end=20\r\nend=09\r\n");
    }

    @Test
    void quoted_printable_soft_breaks_long_lines_without_splitting_an_escape() {
        String url = "https://files.example/" + "a".repeat(60) + "=" + "é".repeat(30);

        String encoded = MailFormat.quotedPrintable(url);

        assertThat(encoded.split("\r\n")).allMatch(l -> l.length() <= 76);
        // With the soft break's '=' taken off, no line may end inside an =XX escape.
        assertThat(java.util.Arrays.stream(encoded.split("\r\n"))
                .map(l -> l.endsWith("=") ? l.substring(0, l.length() - 1) : l).toList())
                .noneMatch(l -> l.matches(".*=[0-9A-F]?"));
        assertThat(decodeQp(encoded)).isEqualTo(url + "\n");
    }

    @Test
    void encoded_words_are_at_most_75_characters_and_hold_whole_characters() {
        String subject = "[TL-1] Segnalazione – contenuto ancora accessibile “urgente” ✓ ".repeat(3);

        String words = MailFormat.encodedWords(subject);

        StringBuilder decoded = new StringBuilder();
        for (String word : words.split(" ")) {
            assertThat(word.length()).isLessThanOrEqualTo(75);
            assertThat(word).startsWith("=?UTF-8?B?").endsWith("?=");
            byte[] bytes = Base64.getDecoder().decode(word.substring(10, word.length() - 2));
            String part = new String(bytes, StandardCharsets.UTF_8);
            assertThat(part).doesNotContain("\uFFFD");
            decoded.append(part);
        }
        assertThat(decoded.toString()).isEqualTo(subject);
    }

    @Test
    void long_headers_are_folded_at_spaces_and_a_header_value_with_a_line_break_is_refused() {
        StringBuilder out = new StringBuilder();
        MailFormat.header(out, "Subject", "word ".repeat(40).strip());

        assertThat(out.toString().split("\r\n")).allMatch(l -> l.length() <= 78);
        assertThat(out.toString().replace("\r\n ", " ")).isEqualTo("Subject: " + "word ".repeat(40).strip() + "\r\n");
        assertThatThrownBy(() -> MailFormat.header(new StringBuilder(), "X-Test", "a\r\nBcc: b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void display_names_are_quoted_with_escapes() {
        assertThat(MailFormat.displayName("Hotline \"A\", B\\C")).isEqualTo("\"Hotline \\\"A\\\", B\\\\C\"");
    }

    private static String decodeQp(String encoded) {
        String joined = encoded.replace("=\r\n", "").replace("\r\n", "\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            if (joined.charAt(i) == '=') {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(joined.charAt(i));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
