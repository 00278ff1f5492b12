package org.tideline.server.hotline.capture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.hotline.capture.SafeFetcherCaptureTest.assertRefused;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * Connecting by vetted address must not weaken TLS: the certificate is still checked against the host name in the
 * URL. The server's certificate, made by the JDK's keytool, is for {@code good.test} only.
 */
class SafeFetcherTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final FetchPolicy LOCAL = FetchPolicy.defaults().withAllowList("127.0.0.1/32");
    private static final TestResolver RESOLVER = new TestResolver()
            .map("good.test", "127.0.0.1").map("other.test", "127.0.0.1");

    @TempDir
    static Path keys;
    private static HttpsServer server;
    private static ExecutorService executor;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        Path store = keys.resolve("good.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "good", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=good.test", "-ext", "SAN=dns:good.test")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        SSLContext serving = SSLContext.getInstance("TLS");
        serving.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(keyStore);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trustManagers.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serving));
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/page", exchange -> {
            byte[] body = "<p>over tls</p>".getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void captures_over_tls_when_the_certificate_names_the_host() throws Exception {
        SafeFetcher fetcher = SafeFetcher.create(LOCAL, RESOLVER, trusting.getSocketFactory());

        Capture capture = fetcher.capture("https://good.test:" + port() + "/page");

        assertThat(capture.page().orElseThrow().bytes()).isEqualTo("<p>over tls</p>".getBytes(UTF_8));
    }

    @Test
    void refuses_a_certificate_for_another_name_at_the_same_address() {
        SafeFetcher fetcher = SafeFetcher.create(LOCAL, RESOLVER, trusting.getSocketFactory());

        assertThatThrownBy(() -> fetcher.capture("https://other.test:" + port() + "/page"))
                .isInstanceOfSatisfying(FetchRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONNECTION_FAILED);
                    assertThat(e.getMessage()).contains("TLS handshake failed").doesNotContain("other.test");
                });
        assertRefused(() -> fetcher.capture("https://127.0.0.1:" + port() + "/page"), Reason.CONNECTION_FAILED);
    }

    @Test
    void refuses_a_certificate_no_trusted_authority_signed() {
        SafeFetcher fetcher = SafeFetcher.create(LOCAL, RESOLVER);

        assertRefused(() -> fetcher.capture("https://good.test:" + port() + "/page"), Reason.CONNECTION_FAILED);
    }

    private static int port() {
        return server.getAddress().getPort();
    }
}
