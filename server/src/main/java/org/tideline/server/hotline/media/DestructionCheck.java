package org.tideline.server.hotline.media;

import java.time.Instant;

/**
 * What {@link MediaVault#verifyDestroyed} found: proof, from the rows themselves, that retention was applied.
 *
 * @param at        the time checked against
 * @param overdue   items past their retention, or marked destroyed, that still hold ciphertext or a nonce: 0 after
 *                  {@link MediaVault#destroyExpired} ran at or after {@code at}
 * @param destroyed items destroyed so far (their rows remain, holding size, hash and reason only)
 * @param live      items within their retention, still readable
 */
public record DestructionCheck(Instant at, long overdue, long destroyed, long live) {

    /** Nothing is held past its retention. */
    public boolean complete() {
        return overdue == 0;
    }
}
