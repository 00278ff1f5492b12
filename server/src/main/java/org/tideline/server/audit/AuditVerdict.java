package org.tideline.server.audit;

import java.util.Optional;

/**
 * What verifying the audit chain found.
 *
 * @param records how many records were checked
 * @param headHash the hash of the newest record: write it down elsewhere, and a later verify with
 *     {@code --expect-head} proves nothing before it was rewritten
 * @param firstProblem the first broken link, described; empty when the chain is intact
 */
public record AuditVerdict(long records, String headHash, Optional<String> firstProblem) {
    public boolean intact() {
        return firstProblem.isEmpty();
    }
}
