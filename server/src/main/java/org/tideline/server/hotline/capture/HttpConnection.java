package org.tideline.server.hotline.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * One HTTP/1.1 exchange on a socket connected to an address that was vetted before: the whole point of writing
 * this rather than using {@link java.net.http.HttpClient}, which resolves the host name again on its own and so
 * lets a DNS server answer "public" to the vetting and "private" to the connection (DNS rebinding). No proxy is
 * used, whatever the JVM's proxy properties say, for the same reason.
 *
 * <p>TLS still verifies the certificate against the host name from the URL (SNI set to it, endpoint identification
 * "HTTPS"), so connecting by address loses nothing. The request asks for an uncompressed body and a closed
 * connection, so that the body ends where the framing says and nothing is pooled between fetches.
 */
final class HttpConnection implements AutoCloseable {

    private final Socket raw;
    private final Socket socket;
    private final Watchdog watchdog;
    private final Wire wire;

    private HttpConnection(Socket raw, Socket socket, Watchdog watchdog, Wire wire) {
        this.raw = raw;
        this.socket = socket;
        this.watchdog = watchdog;
        this.wire = wire;
    }

    /** Connects to the first of {@code addresses} (all vetted) that answers, then shakes hands for https. */
    static HttpConnection open(TargetUrl target, List<InetAddress> addresses, FetchPolicy policy,
            SSLSocketFactory tls, Deadline deadline) throws FetchRefused {
        FetchRefused failure = new FetchRefused(Reason.CONNECTION_FAILED, "the host has no address to connect to");
        for (InetAddress address : addresses) {
            if (deadline.expired()) throw deadline.tooSlow();
            Socket raw = new Socket(Proxy.NO_PROXY);
            Watchdog watchdog = Watchdog.guard(raw, deadline);
            boolean open = false;
            try {
                int connectTimeout = timeout(policy.connectTimeout().toMillis(), deadline);
                raw.connect(new InetSocketAddress(address, target.port()), connectTimeout);
                Socket socket = target.https() ? handshake(raw, target, tls, policy, deadline) : raw;
                Wire wire = new Wire(socket, socket.getInputStream(), deadline, policy.readTimeout().toMillis());
                open = true;
                return new HttpConnection(raw, socket, watchdog, wire);
            } catch (SocketTimeoutException e) {
                failure = deadline.expired() ? deadline.tooSlow()
                        : new FetchRefused(Reason.CONNECTION_FAILED, "the connection or TLS handshake timed out");
            } catch (SSLException e) {
                failure = deadline.expired() ? deadline.tooSlow() : new FetchRefused(Reason.CONNECTION_FAILED,
                        "the TLS handshake failed (" + e.getClass().getSimpleName() + ")");
            } catch (IOException e) {
                failure = deadline.expired() ? deadline.tooSlow() : new FetchRefused(Reason.CONNECTION_FAILED,
                        "the connection failed (" + e.getClass().getSimpleName() + ")");
            } finally {
                if (!open) {
                    watchdog.close();
                    closeQuietly(raw);
                }
            }
        }
        throw failure;
    }

    /** Sends the GET and reads the status and headers. */
    ResponseHead get(TargetUrl target, String userAgent) throws FetchRefused {
        String request = "GET " + target.requestTarget() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: " + userAgent + "\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new FetchRefused(Reason.CONNECTION_FAILED, "the request could not be sent ("
                    + e.getClass().getSimpleName() + ")");
        }
        return ResponseHead.read(wire);
    }

    byte[] body(ResponseHead head, long limit) throws FetchRefused {
        return BodyReader.read(wire, head, limit);
    }

    /** Closes the plain socket only: a TLS close would try to say goodbye to a server that may not listen. */
    @Override
    public void close() {
        watchdog.close();
        closeQuietly(raw);
    }

    private static Socket handshake(Socket raw, TargetUrl target, SSLSocketFactory tls, FetchPolicy policy,
            Deadline deadline) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(raw, target.serverName(), target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (target.literal().isEmpty()) {
            // The JDK would derive this from the host too; said explicitly because it is what the certificate is for.
            parameters.setServerNames(List.of(new SNIHostName(target.serverName())));
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(timeout(policy.readTimeout().toMillis(), deadline));
        socket.startHandshake();
        return socket;
    }

    private static int timeout(long millis, Deadline deadline) throws SocketTimeoutException {
        long left = deadline.remainingMillis();
        if (left == 0) throw new SocketTimeoutException();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.min(millis, left)));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: the socket is gone either way.
        }
    }
}
