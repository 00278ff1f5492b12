package org.tideline.server.hotline.notice;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The wire side of one SMTP conversation (RFC 5321): commands out, replies in, the STARTTLS upgrade (RFC 3207),
 * and the message after DATA, dot-stuffed. Bounded against a broken or hostile server: replies of at most
 * {@value #MAX_REPLY_LINES} lines of {@value #MAX_LINE} bytes, and a timeout on every read. The caller bounds the
 * whole conversation by closing the socket from elsewhere ({@link #abort()}).
 *
 * <p>No pipelining: each command waits for its reply, which keeps every reply attributable to its command.
 */
final class SmtpConnection implements AutoCloseable {

    private static final int MAX_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;
    private static final Duration QUIT_WAIT = Duration.ofSeconds(2);

    /** The server broke the protocol; the message is ours and names nothing the server sent. */
    static final class ProtocolError extends IOException {
        ProtocolError(String message) {
            super(message);
        }
    }

    private final Socket plain = new Socket();
    private Socket socket = plain;
    private InputStream in;
    private OutputStream out;
    private boolean tls;

    void connect(String host, int port, Duration connectTimeout, Duration replyTimeout) throws IOException {
        plain.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
        plain.setSoTimeout(Math.toIntExact(replyTimeout.toMillis()));
        streams();
    }

    boolean secure() {
        return tls;
    }

    boolean toLoopback() {
        return plain.getInetAddress() != null && plain.getInetAddress().isLoopbackAddress();
    }

    SmtpReply read() throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (lines.size() < MAX_REPLY_LINES) {
            String line = readLine();
            if (line.length() < 3 || !isDigits(line.substring(0, 3))
                    || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new ProtocolError("malformed SMTP reply");
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code >= 0 && lineCode != code) {
                throw new ProtocolError("SMTP reply lines with different codes");
            }
            code = lineCode;
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(code, lines);
            }
        }
        throw new ProtocolError("SMTP reply longer than " + MAX_REPLY_LINES + " lines");
    }

    /** Sends one command line and reads its reply. */
    SmtpReply command(String command) throws IOException {
        // Commands are built from checked values, but a line break here would start a second command: refuse.
        if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("SMTP command with a line break");
        }
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    /**
     * Sends the message after a 354 and returns the server's verdict on it. The message is CRLF-terminated lines
     * ({@link MailFormat}); a line that starts with {@code .} gets a second one (RFC 5321 4.5.2), so no line of
     * the message can end it early, and a line holding a single {@code .} ends it.
     */
    SmtpReply data(byte[] message) throws IOException {
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    /**
     * Upgrades to TLS after the server's 220 to STARTTLS. The certificate is checked against {@code host} as
     * HTTPS clients check it (RFC 6125 names), so a relay reached by name must present that name.
     *
     * @throws IOException also when the server sent anything after its 220: bytes that arrived before the
     *     handshake would otherwise be read as if they came over TLS (the "STARTTLS command injection" of
     *     CVE-2011-0411, seen from the client)
     */
    void startTls(SSLSocketFactory factory, String host) throws IOException {
        if (in.available() > 0) {
            throw new ProtocolError("the SMTP server sent data before TLS began");
        }
        SSLSocket upgraded = (SSLSocket) factory.createSocket(plain, host, plain.getPort(), true);
        SSLParameters parameters = upgraded.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        upgraded.setSSLParameters(parameters);
        upgraded.setSoTimeout(plain.getSoTimeout());
        upgraded.startHandshake();
        socket = upgraded;
        tls = true;
        streams();
    }

    /** Closes the socket at once, from any thread: ends a conversation that has overrun its deadline. */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    /** Says QUIT and waits briefly for the answer, then closes; the message's fate was decided before. */
    @Override
    public void close() {
        try {
            if (out != null && !socket.isClosed()) {
                socket.setSoTimeout(Math.toIntExact(QUIT_WAIT.toMillis()));
                command("QUIT");
            }
        } catch (IOException | RuntimeException ignored) {
            // a server that has gone already is no problem here
        } finally {
            abort();
        }
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new ProtocolError("the SMTP server closed the connection");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolError("SMTP reply line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
