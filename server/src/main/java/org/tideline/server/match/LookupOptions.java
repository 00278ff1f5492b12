package org.tideline.server.match;

import java.util.Optional;
import java.util.Set;

/**
 * How a lookup filters.
 *
 * @param banks only these bank names (empty: every bank the caller can see)
 * @param seed fixes the rollout draw (HMA's {@code seed}); without it the draw is derived from the query signal, so
 *     the same content gets the same answer while a bank is rolled out
 * @param bypassRollout ignore the banks' enabled ratios (HMA's {@code bypass_coinflip})
 * @param raw HMA's raw lookup: skip the entry and bank switches and the rollout (sharing still applies)
 */
public record LookupOptions(Set<String> banks, Optional<String> seed, boolean bypassRollout, boolean raw) {

    public LookupOptions {
        banks = Set.copyOf(banks);
    }

    public static LookupOptions defaults() {
        return new LookupOptions(Set.of(), Optional.empty(), false, false);
    }

    public LookupOptions inBanks(Set<String> names) {
        return new LookupOptions(names, seed, bypassRollout, raw);
    }
}
