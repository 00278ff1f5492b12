package org.tideline.server.jobs;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Called when a job with side effects is found cut off mid-run and marked {@link JobState#UNCERTAIN}, inside the
 * transaction that marks it, so that whatever it schedules (typically the next attempt, with its own dedup key)
 * commits with the mark or not at all.
 */
@FunctionalInterface
public interface UncertainHook {
    void onUncertain(Connection c, Job job) throws SQLException;
}
