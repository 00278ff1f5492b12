package org.tideline.server.hotline;

import java.time.Duration;
import org.tideline.server.Services;
import org.tideline.server.store.Sql;

/** Waits for the hotline's background thread to finish what is queued (capture and forwarding). */
public final class HotlineWork {

    private HotlineWork() {}

    public static void awaitIdle(Services services) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long busy = services.db().transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM hotline_url"
                    + " WHERE status IN ('PENDING', 'CAPTURING')") + Sql.count(c, "SELECT COUNT(*) FROM hotline_forward"
                    + " WHERE state = 'PENDING'"));
            if (busy == 0) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the hotline's background work did not finish in 30 s");
    }
}
