/**
 * Hash lists in and out of banks: CSV and TSV, and the feeds of ThreatExchange, NCMEC's hash sharing and StopNCII
 * as far as their public documentation goes (docs/import-export.md says exactly what was assumed, with sources).
 *
 * <p>Imports stream: a file is read record by record and written in batches of about a thousand, each batch in one
 * transaction together with the job's progress ({@code import_job}), so a 10-million-line file never sits in
 * memory, a killed import resumes after its last committed batch, and importing the same file again changes
 * nothing. Rows that cannot be entries are reported by line number and the import goes on. Exports page through a
 * bank and stream.
 *
 * <p>The public API is {@link org.tideline.server.exchange.HashListFormat}, {@link
 * org.tideline.server.exchange.BankImporter} with {@link org.tideline.server.exchange.ImportOptions}, {@link
 * org.tideline.server.exchange.ImportProgress} and {@link org.tideline.server.exchange.ImportSummary}, and {@link
 * org.tideline.server.exchange.BankExporter}; readers and writers are package-private.
 */
package org.tideline.server.exchange;
