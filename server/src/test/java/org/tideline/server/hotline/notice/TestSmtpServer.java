package org.tideline.server.hotline.notice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on a loopback port, for tests: enough of RFC 5321 to receive messages (EHLO, HELO, MAIL,
 * RCPT, DATA, RSET, NOOP, QUIT, and optionally STARTTLS and AUTH PLAIN) and show them to the test, as they came
 * over the wire and decoded. It can be told to refuse given addresses with a code (550 for a bounce, 451 for a
 * temporary failure) at RCPT, or at MAIL for the sender, or to greet with a refusal.
 */
public final class TestSmtpServer implements AutoCloseable {

    /**
     * One message as received.
     *
     * @param wireLines the DATA lines exactly as sent, dot-stuffing included
     * @param content the message with dot-stuffing undone, CRLF line ends
     * @param authenticatedAs the AUTH PLAIN user, or "" without a login
     */
    public record Received(String mailFrom, List<String> recipients, List<String> wireLines, String content, boolean tls,
            String authenticatedAs) {

        /** A header's value, unfolded, as written (encoded words not decoded); null when absent. */
        String header(String name) {
            String head = content.substring(0, content.indexOf("\r\n\r\n")).replaceAll("\r\n[ \t]", " ");
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }

        /** The subject with RFC 2047 encoded words decoded (the space between two encoded words dropped). */
        String subject() {
            return decodeWords(header("Subject"));
        }

        /** The body, quoted-printable decoded, with LF line ends. */
        String text() {
            String body = content.substring(content.indexOf("\r\n\r\n") + 4);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '=' && body.startsWith("\r\n", i + 1)) {
                    i += 2;
                } else if (c == '=') {
                    out.write(Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                } else if (c == '\r' && body.startsWith("\n", i + 1)) {
                    out.write('\n');
                    i++;
                } else {
                    out.write(c);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private static String decodeWords(String value) {
            Matcher m = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=").matcher(value.replaceAll(
                    "\\?= =\\?", "?==?"));
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(
                        new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8)));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    private final ServerSocket server;
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile String greeting = "220 smtp.test ESMTP ready";
    private volatile SSLContext tls;
    private volatile String user;
    private volatile String password;

    private TestSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    public static TestSmtpServer start() throws IOException {
        return new TestSmtpServer();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Answers RCPT TO (or MAIL FROM) for this address with {@code code}. */
    TestSmtpServer refuse(String address, int code) {
        refusals.put(address.toLowerCase(Locale.ROOT), code);
        return this;
    }

    TestSmtpServer greeting(String line) {
        greeting = line;
        return this;
    }

    /** Offers STARTTLS with this server context. */
    TestSmtpServer tls(SSLContext context) {
        tls = context;
        return this;
    }

    /** Offers AUTH PLAIN (after STARTTLS, when TLS is on) and refuses MAIL without this login. */
    TestSmtpServer requireLogin(String name, String secret) {
        user = name;
        password = secret;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every command line received, in order, from all connections. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Per connection: the state of one SMTP session. */
    private final class Session {
        Socket socket;
        InputStream in;
        OutputStream out;
        boolean secure;
        String login = "";
        String from;
        List<String> to = new ArrayList<>();

        Session(Socket s) throws IOException {
            attach(s);
        }

        void attach(Socket s) throws IOException {
            socket = s;
            in = s.getInputStream();
            out = s.getOutputStream();
        }

        void reply(String lines) throws IOException {
            out.write((lines.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.write(c);
            }
            if (c < 0 && b.size() == 0) {
                return null;
            }
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        void reset() {
            from = null;
            to = new ArrayList<>();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Session s = new Session(socket);
            s.reply(greeting);
            if (!greeting.startsWith("220")) {
                return;
            }
            String line;
            while ((line = s.line()) != null) {
                commands.add(line);
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                String argument = line.length() > verb.length() ? line.substring(verb.length() + 1) : "";
                switch (verb) {
                    case "EHLO" -> {
                        s.reset();
                        StringBuilder r = new StringBuilder("250-smtp.test greets you\n250-8BITMIME\n");
                        if (tls != null && !s.secure) {
                            r.append("250-STARTTLS\n");
                        }
                        if (user != null && (tls == null || s.secure)) {
                            r.append("250-AUTH LOGIN PLAIN\n");
                        }
                        s.reply(r.append("250 HELP").toString());
                    }
                    case "HELO" -> {
                        s.reset();
                        s.reply("250 smtp.test");
                    }
                    case "STARTTLS" -> {
                        if (tls == null || s.secure) {
                            s.reply("502 5.5.1 not here");
                            continue;
                        }
                        s.reply("220 2.0.0 go ahead");
                        SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, null,
                                socket.getPort(), true);
                        upgraded.setUseClientMode(false);
                        upgraded.startHandshake();
                        s.attach(upgraded);
                        s.secure = true;
                        s.reset();
                    }
                    case "AUTH" -> {
                        String[] parts = argument.split(" ");
                        if (user == null || !parts[0].equalsIgnoreCase("PLAIN") || parts.length < 2) {
                            s.reply("504 5.5.4 unsupported");
                            continue;
                        }
                        String[] fields = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                                .split("\0", -1);
                        if (fields.length == 3 && fields[1].equals(user) && fields[2].equals(password)) {
                            s.login = fields[1];
                            s.reply("235 2.7.0 authenticated");
                        } else {
                            s.reply("535 5.7.8 authentication failed");
                        }
                    }
                    case "MAIL" -> {
                        String address = address(argument);
                        if (user != null && s.login.isEmpty()) {
                            s.reply("530 5.7.0 authentication required");
                        } else if (refusals.containsKey(address.toLowerCase(Locale.ROOT))) {
                            s.reply(refusals.get(address.toLowerCase(Locale.ROOT)) + " 5.7.1 <" + address
                                    + ">: sender refused");
                        } else {
                            s.from = address;
                            s.reply("250 2.1.0 ok");
                        }
                    }
                    case "RCPT" -> {
                        String address = address(argument);
                        Integer refusal = refusals.get(address.toLowerCase(Locale.ROOT));
                        if (s.from == null) {
                            s.reply("503 5.5.1 MAIL first");
                        } else if (refusal != null) {
                            s.reply(refusal + (refusal >= 500 ? " 5.1.1 <" : " 4.2.0 <") + address
                                    + ">: recipient refused");
                        } else {
                            s.to.add(address);
                            s.reply("250 2.1.5 ok");
                        }
                    }
                    case "DATA" -> {
                        if (s.to.isEmpty()) {
                            s.reply("554 5.5.1 no valid recipients");
                            continue;
                        }
                        s.reply("354 end with <CRLF>.<CRLF>");
                        List<String> wire = new ArrayList<>();
                        StringBuilder content = new StringBuilder();
                        String data;
                        while ((data = s.line()) != null && !data.equals(".")) {
                            wire.add(data);
                            content.append(data.startsWith(".") ? data.substring(1) : data).append("\r\n");
                        }
                        received.add(new Received(s.from, List.copyOf(s.to), List.copyOf(wire), content.toString(),
                                s.secure, s.login));
                        s.reset();
                        s.reply("250 2.0.0 Ok: queued as Q" + received.size());
                    }
                    case "RSET" -> {
                        s.reset();
                        s.reply("250 2.0.0 ok");
                    }
                    case "NOOP" -> s.reply("250 2.0.0 ok");
                    case "QUIT" -> {
                        s.reply("221 2.0.0 bye");
                        return;
                    }
                    default -> s.reply("502 5.5.2 command not recognised");
                }
            }
        } catch (IOException | RuntimeException e) {
            // a client that went away, or a test that ended: nothing to record
        }
    }

    private static String address(String argument) {
        int open = argument.indexOf('<');
        int close = argument.indexOf('>', open + 1);
        return open < 0 || close < 0 ? "" : argument.substring(open + 1, close);
    }
}
