package org.tideline.server.bank;

import java.time.Instant;

/**
 * One entry of the change log that live indexes follow. Signal changes carry the signal itself, so an index can
 * apply them (add or remove that hash) without reading anything else; the other kinds say which row to re-read.
 *
 * @param bankId 0 when not about a bank
 * @param contentId 0 when not about an entry
 * @param signalType null unless a signal change
 * @param signalValue null unless a signal change
 */
public record Change(long seq, Instant at, Kind kind, long bankId, long contentId, SignalType signalType,
        String signalValue) {

    /** The closed set of changes. */
    public enum Kind {
        SIGNAL_ADDED,
        SIGNAL_REMOVED,
        /** An entry's state changed (enabled, disabled-until, quarantine, or it was deleted). */
        CONTENT_CHANGED,
        /** A bank's settings changed, or it was deleted. */
        BANK_CHANGED,
        /** The deployment-wide signal type switches changed. */
        SETTINGS_CHANGED
    }
}
