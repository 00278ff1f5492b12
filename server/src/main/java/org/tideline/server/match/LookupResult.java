package org.tideline.server.match;

import java.util.List;
import org.tideline.server.bank.SignalType;

/**
 * What one query matched.
 *
 * @param hits matches in the caller's visible banks, nearest first
 * @param suppressedBy entries of negative banks (known benign or false-positive hashes) that the query matched; when
 *     not empty, {@code hits} is empty and {@code suppressed} holds what would have been reported
 */
public record LookupResult(SignalType signalType, String signal, List<Hit> hits, List<Hit> suppressedBy,
        List<Hit> suppressed) {

    public LookupResult {
        hits = List.copyOf(hits);
        suppressedBy = List.copyOf(suppressedBy);
        suppressed = List.copyOf(suppressed);
    }
}
