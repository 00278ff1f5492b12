package org.tideline.server.bank;

import java.time.Instant;
import java.util.Optional;

/**
 * A change to an entry's switches; empty fields stay as they are.
 *
 * @param disabledUntil {@code Optional.of(Optional.empty())} clears it
 */
public record ContentUpdate(
        Optional<Boolean> enabled,
        Optional<Optional<Instant>> disabledUntil,
        Optional<Boolean> quarantined) {

    public static ContentUpdate releaseQuarantine() {
        return new ContentUpdate(Optional.empty(), Optional.empty(), Optional.of(false));
    }
}
