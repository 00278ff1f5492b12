package org.tideline.server.hotline.notice;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import org.tideline.server.hotline.notice.SendResult.Failed;

/**
 * Sends a notice by e-mail through the configured SMTP server: greeting, EHLO (HELO for an old server when neither
 * TLS nor login is wanted), STARTTLS when configured, AUTH PLAIN when configured, MAIL FROM, RCPT TO for the one
 * recipient, DATA, QUIT. Tideline's own small client rather than Jakarta Mail: SMTP's subset for one plain-text
 * message is a few hundred lines, every reply code stays visible to classify the failure, and there is no
 * provider lookup through service files to break in the shaded command-line jar.
 *
 * <p>How a reply becomes a {@link SendResult}, by the step it answers:
 * <ul>
 *   <li>4xx to anything, no connection, a timeout, a broken conversation: {@link Failed.Kind#TEMPORARY};
 *   <li>5xx to RCPT TO, DATA or the message itself: {@link Failed.Kind#BOUNCE}, since it is about this recipient
 *       or this message and another contact is needed;
 *   <li>5xx to the greeting, EHLO, STARTTLS, AUTH or MAIL FROM, STARTTLS or AUTH PLAIN required but not offered,
 *       a certificate that does not verify: {@link Failed.Kind#CONFIGURATION}, since the fault is on the
 *       hotline's side of the conversation.
 * </ul>
 * A connection lost after the final dot is TEMPORARY although the message may have arrived; the re-send carries
 * the same Message-ID, so the recipient can recognise the duplicate. Bounces that a relay sends later, as a
 * delivery status notification to the {@code from} address, are outside this class.
 *
 * <p>With STARTTLS configured, the conversation never goes on without TLS (a relay, or someone in between, that
 * stops offering it gets nothing). Credentials are never sent without TLS, except to a loopback address (a local
 * MTA). The whole conversation has a deadline, enforced by closing the socket, so a server that answers a byte
 * a minute cannot hold a sender for ever.
 */
final class SmtpTransport implements NoticeTransport {

    /**
     * @param connect to open the TCP connection
     * @param reply to wait for any one reply (RFC 5321 4.5.3.2 allows servers minutes; a relay slower than a
     *     minute is in trouble anyway, and the notice will be tried again)
     * @param total for the whole conversation
     */
    record Timeouts(Duration connect, Duration reply, Duration total) {
        static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(15), Duration.ofSeconds(60),
                Duration.ofMinutes(3));
    }

    /** Ends a conversation with a result; never leaves this class, carries no stack trace. */
    private static final class Stop extends Exception {
        private final transient Failed result;

        Stop(Failed result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private final String host;
    private final int port;
    private final boolean startTls;
    private final Optional<String> username;
    private final Optional<String> password;
    private final String from;
    private final Optional<String> replyTo;
    private final SSLSocketFactory tls;
    private final Clock clock;
    private final Timeouts timeouts;

    SmtpTransport(NoticeSettings settings, SSLSocketFactory tls, Clock clock, Timeouts timeouts) {
        this.host = settings.smtpHost().orElseThrow(
                () -> new IllegalArgumentException("notice.smtp.host is not set: no e-mail notices"));
        this.port = settings.smtpPort();
        this.startTls = settings.startTls();
        this.username = settings.username();
        this.password = settings.password();
        this.from = settings.from().orElseThrow(() -> new IllegalArgumentException("notice.from is not set"));
        this.replyTo = settings.replyTo();
        this.tls = tls;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    @Override
    public SendResult send(NoticeMessage message) {
        byte[] content = MailFormat.render(message, from, replyTo, clock.instant());
        AtomicBoolean overran = new AtomicBoolean();
        try (SmtpConnection connection = new SmtpConnection()) {
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(timeouts.total());
                    overran.set(true);
                    connection.abort();
                } catch (InterruptedException done) {
                    // the conversation ended in time
                }
            });
            try {
                connection.connect(host, port, timeouts.connect(), timeouts.reply());
                return converse(connection, message, content);
            } catch (Stop stop) {
                return stop.result;
            } catch (SSLHandshakeException e) {
                return Failed.configuration("TLS with the mail server failed: its certificate or protocols are not"
                        + " acceptable");
            } catch (SSLException e) {
                return Failed.temporary("the TLS connection to the mail server broke");
            } catch (SmtpConnection.ProtocolError e) {
                return Failed.temporary(e.getMessage());
            } catch (SocketTimeoutException e) {
                return Failed.temporary("the mail server did not answer in time");
            } catch (UnknownHostException e) {
                return Failed.temporary("the mail server's name does not resolve");
            } catch (IOException e) {
                return Failed.temporary(overran.get()
                        ? "the conversation with the mail server took over " + timeouts.total().toSeconds() + " s"
                        : "could not talk to the mail server (" + e.getClass().getSimpleName() + ")");
            } finally {
                watchdog.interrupt();
            }
        }
    }

    private SendResult converse(SmtpConnection connection, NoticeMessage message, byte[] content)
            throws IOException, Stop {
        ours("greeting", connection.read(), 220);
        SmtpReply ehlo = hello(connection);
        if (startTls) {
            if (!ehlo.offers("STARTTLS", null)) {
                throw new Stop(Failed.configuration("the mail server does not offer STARTTLS, which is required"));
            }
            ours("STARTTLS", connection.command("STARTTLS"), 220);
            connection.startTls(tls, host);
            // RFC 3207 4.2: forget everything learnt before TLS and ask again.
            ehlo = ours("EHLO", connection.command("EHLO " + clientName()), 250);
        }
        if (username.isPresent()) {
            authenticate(connection, ehlo);
        }
        ours("MAIL FROM", connection.command("MAIL FROM:<" + from + ">"), 250);
        theirs("RCPT TO", connection.command("RCPT TO:<" + message.notice().recipient().address() + ">"), 250, 251);
        theirs("DATA", connection.command("DATA"), 354);
        SmtpReply accepted = theirs("the message", connection.data(content), 250);
        return new SendResult.Accepted(message.messageId(), accepted.text());
    }

    private SmtpReply hello(SmtpConnection connection) throws IOException, Stop {
        SmtpReply ehlo = connection.command("EHLO " + clientName());
        if (ehlo.is(250)) {
            return ehlo;
        }
        if (ehlo.temporary()) {
            throw new Stop(Failed.temporary("the mail server deferred EHLO: " + ehlo.text()));
        }
        if (startTls || username.isPresent()) {
            // Without EHLO there is no STARTTLS and no AUTH; HELO would quietly do without both.
            throw new Stop(Failed.configuration("the mail server refused EHLO: " + ehlo.text()));
        }
        ours("HELO", connection.command("HELO " + clientName()), 250);
        return new SmtpReply(250, java.util.List.of());
    }

    private void authenticate(SmtpConnection connection, SmtpReply ehlo) throws IOException, Stop {
        if (!connection.secure() && !connection.toLoopback()) {
            throw new Stop(Failed.configuration("refusing to send the mail server's password without TLS"
                    + " (set notice.smtp.starttls)"));
        }
        if (!ehlo.offers("AUTH", "PLAIN")) {
            throw new Stop(Failed.configuration("the mail server does not offer AUTH PLAIN"));
        }
        // RFC 4616: authorisation identity (empty), NUL, user, NUL, password; base64 as the initial response.
        byte[] token = ("\0" + username.orElseThrow() + "\0" + password.orElseThrow())
                .getBytes(StandardCharsets.UTF_8);
        SmtpReply reply = connection.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(token));
        java.util.Arrays.fill(token, (byte) 0);
        ours("AUTH", reply, 235);
    }

    /** The EHLO argument: the sender's domain, which is the hotline's, rather than a local host name to leak. */
    private String clientName() {
        return SafeText.domainOf(from);
    }

    /** A step on the hotline's side: 4xx defers, 5xx is a configuration problem. */
    private static SmtpReply ours(String step, SmtpReply reply, int expected) throws Stop {
        if (reply.is(expected)) {
            return reply;
        }
        String detail = "the mail server refused " + step + ": " + reply.text();
        throw new Stop(reply.permanent() ? Failed.configuration(detail) : Failed.temporary(detail));
    }

    /** A step about the recipient or the message: 5xx bounces, anything else unexpected defers. */
    private static SmtpReply theirs(String step, SmtpReply reply, int... expected) throws Stop {
        for (int code : expected) {
            if (reply.is(code)) {
                return reply;
            }
        }
        String detail = "the mail server refused " + step + ": " + reply.text();
        throw new Stop(reply.permanent() ? Failed.bounce(detail) : Failed.temporary(detail));
    }
}
