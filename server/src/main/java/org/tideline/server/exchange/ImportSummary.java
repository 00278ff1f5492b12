package org.tideline.server.exchange;

import java.util.List;

/**
 * The outcome of an import. Counts cover the whole file, across every run of a resumed import.
 *
 * @param jobId the {@code import_job} row: the same file imported again into the same bank with the same options is
 *     the same job
 * @param alreadyImported the job had finished before this run, which therefore read and changed nothing
 * @param resumedAfterLine the last line an earlier, interrupted run had committed; 0 for a fresh import
 * @param badRows the first {@value BankImporter#REPORTED_PROBLEMS} refused rows, by line
 * @param skippedRows the first {@value BankImporter#REPORTED_PROBLEMS} rows passed over, by line
 * @param warnings about the file as a whole (for example, columns that are not Tideline's and were ignored)
 */
public record ImportSummary(
        long jobId,
        String bank,
        HashListFormat format,
        boolean alreadyImported,
        long resumedAfterLine,
        long records,
        long lastLine,
        long added,
        long existing,
        long bad,
        long skipped,
        List<RowProblem> badRows,
        List<RowProblem> skippedRows,
        List<String> warnings) {

    public ImportSummary {
        badRows = List.copyOf(badRows);
        skippedRows = List.copyOf(skippedRows);
        warnings = List.copyOf(warnings);
    }
}
