package org.tideline.server.hotline.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * Closes a socket when the deadline passes. Read timeouts alone do not bound a fetch: a TLS record or a connect can
 * be made of many reads, each just inside the timeout. Closing the plain socket underneath (never the TLS socket,
 * whose close may wait on the reader's lock) wakes whatever is blocked on it.
 */
final class Watchdog implements AutoCloseable {

    private final Thread thread;

    private Watchdog(Thread thread) {
        this.thread = thread;
    }

    static Watchdog guard(Closeable socket, Deadline deadline) {
        Thread thread = Thread.ofVirtual().name("capture-watchdog").start(() -> {
            try {
                Thread.sleep(deadline.remainingMillis());
                socket.close();
            } catch (InterruptedException | IOException e) {
                // Interrupted: the fetch finished in time. IOException: it is closed either way.
            }
        });
        return new Watchdog(thread);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
