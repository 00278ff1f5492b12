package org.tideline.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A progress line on stderr for long work: shown only when stderr is a terminal (so logs and pipes stay clean)
 * and only once the work has run for {@link #SHOW_AFTER_NANOS}, redrawn at most every {@link #REDRAW_NANOS}.
 */
final class Progress implements AutoCloseable {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final long total;
    private final String unit;
    private final long started = System.nanoTime();
    private long done;
    private long lastDrawn;
    private boolean drawn;

    Progress(PrintStream err, boolean enabled, long total, String unit) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
        this.unit = unit;
    }

    /** Whether this process's stderr is a terminal (Linux: fd 2 points at a tty or pty). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    void step() {
        done++;
        if (!enabled) return;
        long now = System.nanoTime();
        if (now - started < SHOW_AFTER_NANOS || (now - lastDrawn < REDRAW_NANOS && done < total)) return;
        lastDrawn = now;
        draw(now);
    }

    private void draw(long now) {
        double seconds = (now - started) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
        long etaSeconds = rate > 0 ? Math.round((total - done) / rate) : 0;
        err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d %s  %.1f/s  ETA %ds ",
                "#".repeat(filled), " ".repeat(BAR_WIDTH - filled), done, total, unit, rate, etaSeconds));
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (drawn) {
            draw(System.nanoTime());
            err.println();
        }
    }
}
