package org.tideline.server.bank;

import java.util.Map;
import java.util.Optional;

/**
 * An entry to add to a bank.
 *
 * @param signals at least one; values in hex, normalised and validated on the way in
 * @param pdqQuality the PDQ hash's quality when known; under {@link SignalType#MIN_PDQ_QUALITY} the entry is
 *     refused unless {@code force}
 * @param attributes legally neutral classification attributes (see docs/classification.md); empty when not assessed
 * @param metadata free text kept with the entry (HMA's content metadata); never media or personal data
 */
public record NewContent(
        Map<SignalType, String> signals,
        Optional<Integer> pdqQuality,
        Optional<String> sourceExchange,
        Optional<String> sourceRecordId,
        Map<String, Object> attributes,
        Optional<String> metadata,
        boolean force) {

    public NewContent {
        signals = Map.copyOf(signals);
        attributes = Map.copyOf(attributes);
    }

    public static NewContent of(Map<SignalType, String> signals) {
        return new NewContent(signals, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty(), false);
    }
}
