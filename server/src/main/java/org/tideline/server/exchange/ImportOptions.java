package org.tideline.server.exchange;

import java.util.Optional;
import org.tideline.server.ApiException;
import org.tideline.server.bank.SignalType;

/**
 * How to read a hash list.
 *
 * @param signalType the signal type of a header-less CSV/TSV list (one hash per line), or of a {@code hash} column
 *     without a {@code signal_type} column; a header naming signal columns always wins
 * @param source the source exchange recorded as each entry's provenance, and with each row's record id what makes a
 *     row idempotent; defaults to the format's label ({@code csv}, {@code ncmec}, ...). A CSV row's own
 *     {@code source_exchange} column overrides it.
 * @param force store PDQ hashes under the minimum quality instead of refusing those rows
 * @param restart ignore the progress of an earlier run of the same file and read it all again (still idempotent)
 * @param batchSize records per transaction
 */
public record ImportOptions(
        HashListFormat format,
        Optional<SignalType> signalType,
        Optional<String> source,
        boolean force,
        boolean restart,
        int batchSize) {

    public static final int DEFAULT_BATCH = 1_000;
    static final int MAX_BATCH = 10_000;

    public ImportOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw ApiException.invalid("batch size must be from 1 to " + MAX_BATCH + ", got " + batchSize);
        }
        source = source.map(String::strip).filter(s -> !s.isEmpty());
    }

    public static ImportOptions of(HashListFormat format) {
        return new ImportOptions(format, Optional.empty(), Optional.empty(), false, false, DEFAULT_BATCH);
    }

    public ImportOptions withSignalType(SignalType type) {
        return new ImportOptions(format, Optional.of(type), source, force, restart, batchSize);
    }

    public ImportOptions withSource(String value) {
        return new ImportOptions(format, signalType, Optional.of(value), force, restart, batchSize);
    }

    public ImportOptions withForce(boolean value) {
        return new ImportOptions(format, signalType, source, value, restart, batchSize);
    }

    public ImportOptions withRestart(boolean value) {
        return new ImportOptions(format, signalType, source, force, value, batchSize);
    }

    public ImportOptions withBatchSize(int value) {
        return new ImportOptions(format, signalType, source, force, restart, value);
    }

    /** The provenance recorded for rows that do not name their own source. */
    public String sourceExchange() {
        return source.orElse(format.label());
    }

    /**
     * What changes the meaning of the rows, and so tells one import job of a file from another: not {@code restart}
     * or {@code batchSize}, which change only how it runs.
     */
    String jobKey() {
        return format.label() + "|type=" + signalType.map(SignalType::label).orElse("") + "|source="
                + sourceExchange() + "|force=" + force;
    }
}
