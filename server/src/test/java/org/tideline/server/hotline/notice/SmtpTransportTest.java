package org.tideline.server.hotline.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tideline.server.hotline.notice.Notices.notice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tideline.server.hotline.notice.SendResult.Accepted;
import org.tideline.server.hotline.notice.SendResult.Failed;
import org.tideline.server.hotline.notice.SendResult.Failed.Kind;

class SmtpTransportTest {

    private static final NoticeTemplates TEMPLATES = NoticeTemplates.builtIn();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-20T10:00:00Z"), ZoneOffset.UTC);
    private static final SmtpTransport.Timeouts QUICK = new SmtpTransport.Timeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(5));

    private TestSmtpServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestSmtpServer.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void delivers_the_notice_with_its_subject_reference_message_id_and_body() {
        NoticeMessage message = TEMPLATES.render(notice("it", 2, false));

        SendResult result = transport(server.port()).send(message);

        assertThat(result).isEqualTo(new Accepted("<notice-42.2.host@hotline.test>", "250 2.0.0 Ok: queued as Q1"));
        TestSmtpServer.Received mail = server.received().getFirst();
        assertThat(mail.mailFrom()).isEqualTo("notices@hotline.test");
        assertThat(mail.recipients()).containsExactly("abuse@host.test");
        assertThat(mail.subject()).isEqualTo(message.subject());
        assertThat(mail.header("Message-ID")).isEqualTo("<notice-42.2.host@hotline.test>");
        assertThat(mail.header("X-Tideline-Reference")).isEqualTo("TL-7K3M-Q9XP");
        assertThat(mail.header("X-Tideline-Attempt")).isEqualTo("2");
        assertThat(mail.header("Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(mail.header("From")).isEqualTo("\"Test Hotline\" <notices@hotline.test>");
        assertThat(mail.header("To")).isEqualTo("<abuse@host.test>");
        assertThat(mail.header("Reply-To")).isEqualTo("<reports@hotline.test>");
        assertThat(mail.header("Date")).isEqualTo("Thu, 20 Mar 2025 10:00:00 GMT");
        assertThat(mail.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(mail.header("Content-Language")).isEqualTo("it");
        assertThat(mail.text()).isEqualTo(message.text()).contains("Questo è l'avviso numero 2",
                "    https://files.example/gallery/123\n");
        assertThat(mail.wireLines()).allMatch(l -> l.length() <= 78 && l.chars().allMatch(c -> c < 128));
    }

    @Test
    void a_subject_outside_ascii_travels_as_encoded_words() {
        Notice n = new Notice("9", new Recipient(RecipientKind.CDN, "abuse@cdn.test"), "en", "TL-ABCD-EFGH",
                Notices.URLS, NoticeCategory.CSAM, Notices.FIRST_REPORTED, 1, false, new HotlineIdentity(
                "Telefono Azzurro – Clicca e Segnala, “hotline” ✓", "notices@hotline.test", Optional.empty()));
        NoticeMessage message = TEMPLATES.render(n);

        assertThat(transport(server.port()).send(message)).isInstanceOf(Accepted.class);

        TestSmtpServer.Received mail = server.received().getFirst();
        assertThat(mail.header("Subject")).startsWith("=?UTF-8?B?");
        assertThat(mail.subject()).isEqualTo(message.subject());
        assertThat(mail.header("From")).startsWith("=?UTF-8?B?").endsWith("<notices@hotline.test>");
    }

    @Test
    void dot_stuffs_body_lines_that_start_with_a_dot() {
        String text = "before\n.\n..two\n.hidden line\nafter\n";
        NoticeMessage message = new NoticeMessage(notice("en", 1, false), "Subject [TL-7K3M-Q9XP]", text,
                headers("<dots@hotline.test>"));

        assertThat(transport(server.port()).send(message)).isInstanceOf(Accepted.class);

        TestSmtpServer.Received mail = server.received().getFirst();
        assertThat(mail.wireLines()).containsSubsequence("before", "..", "...two", "..hidden line", "after");
        assertThat(mail.text()).isEqualTo(text);
    }

    @Test
    void a_bare_cr_or_lf_in_the_body_never_reaches_the_wire() {
        NoticeMessage message = new NoticeMessage(notice("en", 1, false), "Subject", "one\rtwo\nthree\r\n.\rfour",
                headers("<crlf@hotline.test>"));

        assertThat(transport(server.port()).send(message)).isInstanceOf(Accepted.class);

        TestSmtpServer.Received mail = server.received().getFirst();
        assertThat(mail.content()).doesNotContainPattern("[^\r]\n|\r[^\n]");
        assertThat(mail.text()).isEqualTo("one\ntwo\nthree\n.\nfour\n");
    }

    @Test
    void a_550_to_the_recipient_is_a_bounce_that_names_no_address() {
        server.refuse("abuse@host.test", 550);

        SendResult result = transport(server.port()).send(TEMPLATES.render(notice("en", 1, false)));

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.BOUNCE);
            assertThat(f.permanent()).isTrue();
            assertThat(f.detail()).contains("RCPT TO", "550 5.1.1").doesNotContain("abuse@host.test", "host.test");
        });
        assertThat(server.received()).isEmpty();
    }

    @Test
    void a_451_to_the_recipient_is_temporary() {
        server.refuse("abuse@host.test", 451);

        SendResult result = transport(server.port()).send(TEMPLATES.render(notice("en", 1, false)));

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(f.permanent()).isFalse();
            assertThat(f.detail()).contains("451").doesNotContain("abuse@host.test");
        });
    }

    @Test
    void a_server_that_is_down_is_temporary() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        SendResult result = transport(closed).send(TEMPLATES.render(notice("en", 1, false)));

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(f.detail()).contains("could not talk to the mail server");
        });
    }

    @Test
    void a_server_that_never_answers_is_temporary_within_the_timeouts() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException e) {
                    // test over
                }
            });
            long start = System.nanoTime();

            SendResult result = transport(silent.getLocalPort()).send(TEMPLATES.render(notice("en", 1, false)));

            assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.kind()).isEqualTo(Kind.TEMPORARY);
                assertThat(f.detail()).contains("did not answer in time");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void a_refused_sender_or_greeting_is_our_configuration_not_a_bounce() {
        server.refuse("notices@hotline.test", 553);

        SendResult sender = transport(server.port()).send(TEMPLATES.render(notice("en", 1, false)));

        assertThat(sender).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.CONFIGURATION);
            assertThat(f.detail()).contains("MAIL FROM", "553").doesNotContain("notices@hotline.test");
        });

        server.greeting("554 5.7.1 no mail from you");
        SendResult greeting = transport(server.port()).send(TEMPLATES.render(notice("en", 1, false)));
        assertThat(greeting).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.kind()).isEqualTo(Kind.CONFIGURATION));
    }

    @Test
    void starttls_required_but_not_offered_is_configuration_and_nothing_is_sent() {
        NoticeSettings settings = NoticeSettings.defaults().withSmtp("127.0.0.1", server.port(), true,
                "notices@hotline.test");
        SmtpTransport transport = new SmtpTransport(settings, (SSLSocketFactory) SSLSocketFactory.getDefault(),
                CLOCK, QUICK);

        SendResult result = transport.send(TEMPLATES.render(notice("en", 1, false)));

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.CONFIGURATION);
            assertThat(f.detail()).contains("STARTTLS");
        });
        assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL") || c.startsWith("RCPT"));
    }

    @Test
    void logs_in_without_tls_only_to_a_loopback_server() {
        server.requireLogin("notices", "s3cret");
        NoticeSettings settings = NoticeSettings.defaults()
                .withSmtp("127.0.0.1", server.port(), false, "notices@hotline.test")
                .withCredentials("notices", "s3cret");

        SendResult result = new SmtpTransport(settings, (SSLSocketFactory) SSLSocketFactory.getDefault(), CLOCK,
                QUICK).send(TEMPLATES.render(notice("en", 1, false)));

        assertThat(result).isInstanceOf(Accepted.class);
        assertThat(server.received().getFirst().authenticatedAs()).isEqualTo("notices");
    }

    @Test
    void wrong_credentials_are_configuration() {
        server.requireLogin("notices", "s3cret");
        NoticeSettings settings = NoticeSettings.defaults()
                .withSmtp("127.0.0.1", server.port(), false, "notices@hotline.test")
                .withCredentials("notices", "wrong");

        SendResult result = new SmtpTransport(settings, (SSLSocketFactory) SSLSocketFactory.getDefault(), CLOCK,
                QUICK).send(TEMPLATES.render(notice("en", 1, false)));

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.CONFIGURATION);
            assertThat(f.detail()).contains("AUTH", "535").doesNotContain("wrong");
        });
    }

    @Test
    void the_same_attempt_sent_twice_carries_the_same_message_id() {
        SmtpTransport transport = transport(server.port());
        transport.send(TEMPLATES.render(notice("en", 3, false)));
        transport.send(TEMPLATES.render(notice("en", 3, false)));
        transport.send(TEMPLATES.render(notice("en", 4, true)));

        assertThat(server.received()).extracting(m -> m.header("Message-ID")).containsExactly(
                "<notice-42.3.host@hotline.test>", "<notice-42.3.host@hotline.test>",
                "<notice-42.4.host@hotline.test>");
    }

    private static SmtpTransport transport(int port) {
        NoticeSettings settings = new NoticeSettings(Optional.of("127.0.0.1"), port, false, Optional.empty(),
                Optional.empty(), Optional.of("notices@hotline.test"), Optional.of("reports@hotline.test"),
                Duration.ofHours(24), 3, Optional.empty());
        return new SmtpTransport(settings, (SSLSocketFactory) SSLSocketFactory.getDefault(), CLOCK, QUICK);
    }

    static SequencedMap<String, String> headers(String messageId) {
        SequencedMap<String, String> h = new LinkedHashMap<>();
        h.put("Message-ID", messageId);
        return h;
    }
}
