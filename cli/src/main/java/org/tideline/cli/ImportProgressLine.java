package org.tideline.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.tideline.server.exchange.ImportProgress;

/**
 * The progress of an import on stderr: redrawn in place on a terminal (at most every {@link #REDRAW_NANOS}), a line
 * every {@link #LOG_EVERY_NANOS} otherwise, so that a log of a long import shows it moving without filling up.
 */
final class ImportProgressLine implements Consumer<ImportProgress>, AutoCloseable {

    private static final long REDRAW_NANOS = 250_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastDrawn = started;
    private ImportProgress last;
    private boolean drawn;

    ImportProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void accept(ImportProgress p) {
        last = p;
        long now = System.nanoTime();
        if (now - lastDrawn < (terminal ? REDRAW_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        lastDrawn = now;
        draw(now);
    }

    private void draw(long now) {
        ImportProgress p = last;
        double seconds = Math.max((now - started) / 1e9, 1e-9);
        String percent = p.totalBytes().isPresent() && p.totalBytes().getAsLong() > 0
                ? String.format(Locale.ROOT, "%3d%% ", Math.min(100, 100 * p.bytesRead() / p.totalBytes().getAsLong()))
                : "";
        String line = String.format(Locale.ROOT, "%sline %,d: %,d added, %,d existing, %,d bad, %,d skipped (%,.0f records/s)",
                percent, p.line(), p.added(), p.existing(), p.bad(), p.skipped(), p.records() / seconds);
        if (terminal) {
            err.print("\r" + line + " ");
        } else {
            err.println(line);
        }
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (terminal && drawn) {
            draw(System.nanoTime());
            err.println();
        }
    }
}
