package org.tideline.server.hotline.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tideline.server.hotline.notice.Notices.notice;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.hotline.notice.SendResult.Accepted;
import org.tideline.server.hotline.notice.SendResult.Failed;
import org.tideline.server.hotline.notice.SendResult.Failed.Kind;

/**
 * STARTTLS and AUTH PLAIN against the test server, with certificates made by the JDK's keytool: one for
 * 127.0.0.1 (the address the transport connects to), one for another name.
 */
class SmtpStartTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final SmtpTransport.Timeouts QUICK = new SmtpTransport.Timeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10));

    @TempDir
    static Path keys;
    private static KeyStore good;
    private static KeyStore other;

    @BeforeAll
    static void certificates() throws Exception {
        good = keytool("good", "SAN=ip:127.0.0.1");
        other = keytool("other", "SAN=dns:other.test");
    }

    @Test
    void upgrades_to_tls_before_logging_in_and_sending() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start().tls(serving(good)).requireLogin("notices", "s3cret")) {
            SendResult result = transport(server, good).send(NoticeTemplates.builtIn().render(notice("en", 1, false)));

            assertThat(result).isInstanceOf(Accepted.class);
            TestSmtpServer.Received mail = server.received().getFirst();
            assertThat(mail.tls()).isTrue();
            assertThat(mail.authenticatedAs()).isEqualTo("notices");
            List<String> commands = server.commands();
            int starttls = commands.indexOf("STARTTLS");
            assertThat(starttls).isPositive();
            assertThat(commands.subList(0, starttls)).noneMatch(c -> c.startsWith("AUTH") || c.startsWith("MAIL"));
            assertThat(commands.get(starttls + 1)).startsWith("EHLO hotline.test");
        }
    }

    @Test
    void a_certificate_for_another_name_is_configuration_and_no_credentials_are_sent() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start().tls(serving(other)).requireLogin("notices", "s3cret")) {
            SendResult result = transport(server, other).send(NoticeTemplates.builtIn().render(notice("en", 1, false)));

            assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.kind()).isEqualTo(Kind.CONFIGURATION);
                assertThat(f.detail()).contains("TLS");
            });
            assertThat(server.commands()).noneMatch(c -> c.startsWith("AUTH") || c.startsWith("MAIL"));
            assertThat(server.received()).isEmpty();
        }
    }

    private static SmtpTransport transport(TestSmtpServer server, KeyStore trusted) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        NoticeSettings settings = NoticeSettings.defaults()
                .withSmtp("127.0.0.1", server.port(), true, "notices@hotline.test")
                .withCredentials("notices", "s3cret");
        return new SmtpTransport(settings, client.getSocketFactory(), Clock.systemUTC(), QUICK);
    }

    private static SSLContext serving(KeyStore store) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore keytool(String alias, String san) throws Exception {
        Path store = keys.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + alias, "-ext", san)
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        return keyStore;
    }
}
