package org.tideline.server.hotline.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A server on 127.0.0.1 that answers every connection with whatever bytes a test writes, for the responses no
 * well-behaved server library will send: lying lengths, endless headers, silence.
 */
final class RawServer implements AutoCloseable {

    @FunctionalInterface
    interface Responder {
        void respond(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Thread acceptor;

    private RawServer(ServerSocket socket, Responder responder) {
        this.socket = socket;
        this.acceptor = Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread.ofVirtual().start(() -> answer(connection, responder));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    static RawServer start(Responder responder) {
        try {
            return new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }

    private static void answer(Socket connection, Responder responder) {
        try (connection) {
            readRequestHead(connection.getInputStream());
            responder.respond(connection.getOutputStream());
            connection.getOutputStream().flush();
        } catch (IOException | InterruptedException e) {
            // The fetcher hung up.
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int lastFour = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            lastFour = (lastFour << 8) | b;
            if (lastFour == 0x0D0A0D0A) return;
        }
    }
}
