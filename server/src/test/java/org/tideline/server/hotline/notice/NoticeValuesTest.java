package org.tideline.server.hotline.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.hotline.notice.Notices.FIRST_REPORTED;
import static org.tideline.server.hotline.notice.Notices.HOTLINE;
import static org.tideline.server.hotline.notice.Notices.URLS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/** Header injection: CR or LF in anything that can reach a header is refused, and no message names a value. */
class NoticeValuesTest {

    private static final Recipient HOST = new Recipient(RecipientKind.HOST, "abuse@host.test");

    @Test
    void refuses_cr_or_lf_in_the_reference() {
        assertThatThrownBy(() -> notice("TL-1\r\nBcc: victim@elsewhere.test", HOST, URLS, HOTLINE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference")
                .hasMessageNotContaining("elsewhere");
    }

    @Test
    void refuses_cr_or_lf_in_the_recipient_address() {
        assertThatThrownBy(() -> new Recipient(RecipientKind.HOST, "abuse@host.test\r\nRCPT TO:<x@elsewhere.test>"))
                .hasMessageContaining("single line").hasMessageNotContaining("elsewhere");
        assertThatThrownBy(() -> new Recipient(RecipientKind.HOST, "abuse@host.test>\tx"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recipient(RecipientKind.HOST, "Abuse <abuse@host.test>"))
                .hasMessageContaining("plain ASCII e-mail address");
    }

    @Test
    void refuses_cr_or_lf_in_the_hotline_identity() {
        assertThatThrownBy(() -> new HotlineIdentity("Hotline\nBcc: x@elsewhere.test", "n@hotline.test",
                Optional.empty())).hasMessageContaining("hotline name must be a single line");
        assertThatThrownBy(() -> new HotlineIdentity("Hotline", "n@hotline.test\r\n", Optional.empty()))
                .hasMessageContaining("single line");
    }

    @Test
    void refuses_urls_that_are_not_one_clean_line() {
        assertThatThrownBy(() -> notice("TL-1", HOST, List.of("https://a.example/x\r\nBcc: y@z.test"), HOTLINE))
                .hasMessageContaining("url 1 must be a single line").hasMessageNotContaining("a.example");
        assertThatThrownBy(() -> notice("TL-1", HOST, List.of("https://a.example/\u202Egpj.exe"), HOTLINE))
                .hasMessageContaining("format character");
        assertThatThrownBy(() -> notice("TL-1", HOST, List.of("javascript:alert(1)"), HOTLINE))
                .hasMessageContaining("not an absolute http(s) URL");
        assertThatThrownBy(() -> notice("TL-1", HOST, List.of(), HOTLINE)).hasMessageContaining("1 to 100 URLs");
    }

    @Test
    void a_message_refuses_cr_or_lf_in_the_subject_or_a_header_and_headers_the_transport_owns() {
        Notice notice = notice("TL-1", HOST, URLS, HOTLINE);
        assertThatThrownBy(() -> new NoticeMessage(notice, "Subject\r\nBcc: x@elsewhere.test", "text",
                headers("Message-ID", "<a@b>"))).hasMessageContaining("subject must be a single line");
        assertThatThrownBy(() -> new NoticeMessage(notice, "Subject", "text",
                headers("Message-ID", "<a@b>\nBcc: x@elsewhere.test"))).hasMessageContaining("single line");
        assertThatThrownBy(() -> new NoticeMessage(notice, "Subject", "text", headers("Bcc", "x@elsewhere.test")))
                .hasMessageContaining("set by the transport");
        assertThatThrownBy(() -> new NoticeMessage(notice, "Subject", "text", headers("Content-Type", "text/html")))
                .hasMessageContaining("set by the transport");
        assertThatThrownBy(() -> new NoticeMessage(notice, "Subject", "text", headers("Bad Name", "x")))
                .hasMessageContaining("not a header name");
        assertThatThrownBy(() -> new NoticeMessage(notice, "Subject", "nul\0", headers("Message-ID", "<a@b>")))
                .hasMessageContaining("control character");
    }

    @Test
    void to_string_names_neither_urls_nor_addresses() {
        Notice notice = notice("TL-1", HOST, URLS, HOTLINE);

        assertThat(notice.toString()).doesNotContain("files.example", "host.test").contains("TL-1", "HOST");
        assertThat(HOST.toString()).doesNotContain("host.test");
    }

    private static Notice notice(String reference, Recipient recipient, List<String> urls, HotlineIdentity hotline) {
        return new Notice("42", recipient, "en", reference, urls, NoticeCategory.CSAM, FIRST_REPORTED, 1, false,
                hotline);
    }

    private static SequencedMap<String, String> headers(String name, String value) {
        SequencedMap<String, String> h = new LinkedHashMap<>();
        h.put("Message-ID", "<a@b>");
        h.put(name, value);
        return h;
    }
}
