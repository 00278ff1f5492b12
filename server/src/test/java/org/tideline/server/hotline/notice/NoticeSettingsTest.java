package org.tideline.server.hotline.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class NoticeSettingsTest {

    @Test
    void reads_every_notice_key_and_leaves_the_others_alone() throws Exception {
        NoticeSettings s = NoticeSettings.fromProperties(properties("""
                mode = forward-only
                notice.smtp.host = smtp.hotline.example
                notice.smtp.port = 2525
                notice.smtp.starttls = false
                notice.smtp.user = notices
                notice.smtp.password = s3cret pass
                notice.from = notices@hotline.example
                notice.reply-to = analysts@hotline.example
                notice.resend.hours = 12
                notice.escalate.after = 5
                notice.templates = /etc/tideline/notices
                """));

        assertThat(s.smtpHost()).contains("smtp.hotline.example");
        assertThat(s.smtpPort()).isEqualTo(2525);
        assertThat(s.startTls()).isFalse();
        assertThat(s.username()).contains("notices");
        assertThat(s.password()).contains("s3cret pass");
        assertThat(s.from()).contains("notices@hotline.example");
        assertThat(s.replyTo()).contains("analysts@hotline.example");
        assertThat(s.resendInterval()).isEqualTo(Duration.ofHours(12));
        assertThat(s.escalateAfter()).isEqualTo(5);
        assertThat(s.templates()).contains(Path.of("/etc/tideline/notices"));
        assertThat(s.escalates(5)).isFalse();
        assertThat(s.escalates(6)).isTrue();
    }

    @Test
    void defaults_resend_daily_escalate_after_three_and_send_no_mail() throws Exception {
        NoticeSettings s = NoticeSettings.fromProperties(properties(""));

        assertThat(s).isEqualTo(NoticeSettings.defaults());
        assertThat(s.smtpHost()).isEmpty();
        assertThat(s.smtpPort()).isEqualTo(587);
        assertThat(s.startTls()).isTrue();
        assertThat(s.resendInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(s.escalateAfter()).isEqualTo(3);
        assertThatThrownBy(() -> NoticeTransport.smtp(s)).hasMessageContaining("notice.smtp.host is not set");
    }

    @Test
    void the_password_and_addresses_never_appear_in_to_string() throws Exception {
        NoticeSettings s = NoticeSettings.fromProperties(properties("""
                notice.smtp.host = smtp.hotline.example
                notice.smtp.user = notices@hotline.example
                notice.smtp.password = s3cret
                notice.from = notices@hotline.example
                """));

        assertThat(s.toString()).doesNotContain("s3cret", "notices@").contains("smtp.hotline.example:587 starttls");
    }

    @Test
    void refuses_misspelt_keys_and_bad_values_naming_the_key() {
        assertThatThrownBy(() -> NoticeSettings.fromProperties(properties("notice.smtp.hots = x\n")))
                .hasMessageContaining("notice.smtp.hots");
        assertThatThrownBy(() -> NoticeSettings.fromProperties(properties("notice.smtp.port = many\n")))
                .hasMessageContaining("notice.smtp.port");
        assertThatThrownBy(() -> NoticeSettings.fromProperties(properties("notice.smtp.starttls = maybe\n")))
                .hasMessageContaining("notice.smtp.starttls");
        assertThatThrownBy(() -> NoticeSettings.fromProperties(properties("notice.resend.hours = 0\n")))
                .hasMessageContaining("notice.resend.hours");
        assertThatThrownBy(() -> NoticeSettings.fromProperties(properties("notice.smtp.host = smtp.example\n")))
                .hasMessageContaining("notice.from is required");
        assertThatThrownBy(() -> NoticeSettings.fromProperties(properties("notice.smtp.user = u\n")))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> NoticeSettings.fromProperties(properties("notice.from = not an address\n")))
                .hasMessageContaining("notice.from");
    }

    private static Properties properties(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }
}
