package org.tideline.server.match;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.tideline.server.bank.SignalType;

/**
 * How far the live indexes have followed the database.
 *
 * @param appliedSeq the last change applied
 * @param headSeq the newest change in the database when last polled
 * @param lastChangeAt when the newest applied change was written (HMA's {@code built_to})
 * @param sizes signals held per type
 */
public record IndexStatus(boolean loaded, long appliedSeq, long headSeq, Optional<Instant> lastChangeAt,
        Instant polledAt, Map<SignalType, Long> sizes) {

    public IndexStatus {
        sizes = Map.copyOf(sizes);
    }

    /** Loaded and holding every change the database had at the last poll. */
    public boolean caughtUp() {
        return loaded && appliedSeq >= headSeq;
    }
}
