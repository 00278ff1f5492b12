package org.tideline.server.bank;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tideline.server.classification.Verdict;

/**
 * A bank entry: its signals, where it came from, what it was judged to be, and whether it matches now.
 *
 * @param disabledUntil when set and in the future, the entry does not match until then
 * @param quarantined stopped automatically after a match flood, until a curator releases it
 */
public record BankContent(
        long id,
        String bank,
        Map<SignalType, String> signals,
        Provenance provenance,
        boolean enabled,
        Optional<Instant> disabledUntil,
        boolean quarantined,
        Map<String, Object> attributes,
        List<Verdict> verdicts,
        Optional<String> metadata) {

    public BankContent {
        signals = Map.copyOf(signals);
        verdicts = List.copyOf(verdicts);
    }

    /** Whether the entry matches at {@code now}, as far as its own switches go. */
    public boolean matchesAt(Instant now) {
        return enabled && !quarantined && disabledUntil.map(now::isAfter).orElse(true);
    }
}
