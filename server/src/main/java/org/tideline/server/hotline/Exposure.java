package org.tideline.server.hotline;

import java.time.Instant;
import java.util.Optional;

/**
 * How much one analyst has been exposed to: reveals today, reveals since the last break, and whether the session
 * limit stops further reveals until a break has been taken.
 *
 * @param breakUntil when the limit was reached: the earliest time the analyst can resume revealing
 */
public record Exposure(int revealsToday, int sessionReveals, int sessionLimit, Optional<Instant> breakUntil) {

    public boolean limitReached() {
        return sessionReveals >= sessionLimit;
    }
}
