package org.tideline.server.hotline.capture;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * The response side of a connection: a buffered reader whose every read is bounded by both the idle timeout and
 * what is left of the deadline, so that a server dripping a byte at a time is cut off at the deadline, not at the
 * end of its content. Failures become {@link FetchRefused}: {@code TOO_SLOW} for timeouts (and for the watchdog's
 * close at the deadline), {@code CONNECTION_FAILED} for anything else.
 */
final class Wire {

    private static final int BUFFER = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final Deadline deadline;
    private final long idleMillis;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;

    Wire(Socket socket, InputStream in, Deadline deadline, long idleMillis) {
        this.socket = socket;
        this.in = in;
        this.deadline = deadline;
        this.idleMillis = idleMillis;
    }

    /** The next byte, or -1 at the end of the stream. */
    int read() throws FetchRefused {
        if (position == limit && !fill()) return -1;
        return buffer[position++] & 0xFF;
    }

    /** Up to {@code length} bytes into {@code target}; -1 at the end of the stream. */
    int read(byte[] target, int offset, int length) throws FetchRefused {
        if (length == 0) return 0;
        if (position == limit && !fill()) return -1;
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /**
     * One line up to LF, without its line end (a CR before the LF is dropped), read as ISO-8859-1; empty at the end
     * of the stream before any byte. Longer than {@code maxLength} is a broken response, not a reason to buffer.
     */
    Optional<String> readLine(int maxLength) throws FetchRefused {
        StringBuilder line = new StringBuilder();
        for (int b = read(); b != '\n'; b = read()) {
            if (b < 0) {
                if (line.isEmpty()) return Optional.empty();
                throw new FetchRefused(Reason.BAD_RESPONSE, "the response ended inside a line");
            }
            if (line.length() == maxLength) {
                throw new FetchRefused(Reason.BAD_RESPONSE, "a response line is longer than " + maxLength + " bytes");
            }
            line.append((char) b);
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
        return Optional.of(line.toString());
    }

    private boolean fill() throws FetchRefused {
        long left = deadline.remainingMillis();
        if (left == 0) throw deadline.tooSlow();
        boolean idleBound = idleMillis <= left;
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.min(idleMillis, left)));
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) return false;
            position = 0;
            limit = n;
            return true;
        } catch (SocketTimeoutException e) {
            if (!idleBound || deadline.expired()) throw deadline.tooSlow();
            throw new FetchRefused(Reason.TOO_SLOW, "the server sent nothing for " + idleMillis + " ms");
        } catch (IOException e) {
            if (deadline.expired()) throw deadline.tooSlow();
            throw new FetchRefused(Reason.CONNECTION_FAILED, "the connection failed while reading ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
