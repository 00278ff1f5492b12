package org.tideline.server.bank;

import java.time.Instant;
import java.util.Set;

/**
 * A hash bank and its matching settings.
 *
 * @param sharedWith ids of the organisations it is shared with when {@code sharing} is {@link Sharing#ORGANISATIONS}
 * @param enabledRatio share of lookups (0-1) the bank takes part in; HMA's {@code matching_enabled_ratio}, for
 *     rolling a new list out gradually
 * @param pdqThreshold the PDQ distance at or under which an entry matches
 * @param negative a bank of known benign or false-positive hashes: a query that matches it is not reported as a
 *     match of any other bank
 * @param disabledSignalTypes signal types this bank does not match on
 */
public record Bank(
        long id,
        String name,
        long ownerOrgId,
        String ownerOrgName,
        Sharing sharing,
        Set<Long> sharedWith,
        double enabledRatio,
        int pdqThreshold,
        boolean negative,
        Set<SignalType> disabledSignalTypes,
        Instant createdAt,
        Instant updatedAt) {

    public Bank {
        sharedWith = Set.copyOf(sharedWith);
        disabledSignalTypes = Set.copyOf(disabledSignalTypes);
    }

    /** Whether {@code orgId} may see this bank. */
    public boolean visibleTo(long orgId) {
        return orgId == ownerOrgId
                || sharing == Sharing.ALLIANCE
                || (sharing == Sharing.ORGANISATIONS && sharedWith.contains(orgId));
    }

    public boolean matchesOn(SignalType type) {
        return !disabledSignalTypes.contains(type);
    }
}
