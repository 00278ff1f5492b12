package org.tideline.server.exchange;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.tideline.server.ApiException;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Permission;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.Bank;
import org.tideline.server.bank.BankService;
import org.tideline.server.bank.NewContent;
import org.tideline.server.classification.Attributes;
import org.tideline.server.store.Database;
import org.tideline.server.store.StoreException;

/**
 * Imports a hash list into a bank: streamed, in batches, idempotent and resumable.
 *
 * <p>The file is read one record at a time ({@link RecordReader}); rows that read as entries and pass the checks
 * every bank write makes go to {@link BankService#addBatch} about {@link ImportOptions#batchSize} at a time, one
 * transaction per batch. The same transaction records in {@code import_job} how many records of the file are done
 * ({@link ImportJob#advance}), so after a crash the database holds exactly the batches it says it holds. Run again
 * with the same file (same first 64 KiB and size, {@link FileIdentity}), bank and options, the import counts its way
 * past the committed records without writing them again; run again after it finished, it reads nothing. Records are
 * counted, not lines, because a quoted CSV field or an XML document can put several records on a line or one
 * record on several.
 *
 * <p>Idempotency within and across files comes from the bank: an entry whose signal, or whose source exchange and
 * record id, is already in the bank answers as "existing" and changes nothing, not even the change log.
 *
 * <p>A bad row is reported by line and the import goes on. If a batch is refused as a whole (a row the checks did
 * not foresee breaks a database constraint), it is retried row by row so that only the offending rows are lost.
 * Reasons never quote a row's content.
 */
public final class BankImporter {

    /** Bad and skipped rows listed in a summary (all are counted). */
    public static final int REPORTED_PROBLEMS = 100;
    /** While counting past committed records on resume, progress is reported this often. */
    private static final long RESUME_REPORT_EVERY = 100_000;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final Database db;
    private final BankService banks;
    private final AuditLog audit;
    private final Clock clock;

    public BankImporter(Database db, BankService banks, AuditLog audit, Clock clock) {
        this.db = db;
        this.banks = banks;
        this.audit = audit;
        this.clock = clock;
    }

    /** Imports a file; its size makes the import resumable. */
    public ImportSummary importFile(Caller caller, String bankName, Path file, ImportOptions options,
            Consumer<ImportProgress> progress) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return importStream(caller, bankName, in, OptionalLong.of(Files.size(file)), options, progress);
        }
    }

    /**
     * Imports from a stream, which it reads to the end but does not close. A gzip stream is recognised and
     * unpacked. Without {@code size} the import is not resumable (the file cannot be recognised again), though
     * still idempotent.
     */
    public ImportSummary importStream(Caller caller, String bankName, InputStream in, OptionalLong size,
            ImportOptions options, Consumer<ImportProgress> progress) throws IOException {
        Bank bank = writable(caller, bankName);
        CountingInputStream counted = new CountingInputStream(in);
        BufferedInputStream buffered = new BufferedInputStream(counted, FileIdentity.HEAD_BYTES);
        buffered.mark(FileIdentity.HEAD_BYTES + 1);
        byte[] head = buffered.readNBytes(FileIdentity.HEAD_BYTES);
        buffered.reset();
        FileIdentity file = FileIdentity.of(head, size);
        boolean gzip = head.length >= 2 && (head[0] & 0xff) == GZIP_MAGIC_1 && (head[1] & 0xff) == GZIP_MAGIC_2;
        InputStream content = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        try (RecordReader reader = options.format().reader(uncloseable(content), options)) {
            ImportJob job = db.transaction(c -> {
                ImportJob started = ImportJob.start(c, caller, bank, file, options, clock.instant());
                if (!started.wasDone) {
                    audit.append(c, audit.event(caller, "bank.import-start", "bank:" + bankName,
                            "format=" + options.format().label() + " job=" + started.id
                                    + (started.records > 0 ? " resuming after record " + started.records : "")));
                }
                return started;
            });
            if (job.wasDone) {
                return summary(job, bankName, options, true, reader.warnings());
            }
            List<String> warnings = new ArrayList<>(reader.warnings());
            if (job.interrupted) {
                int removed = banks.removeLeftovers(caller, bankName, job.contentHigh, job.changeHigh);
                if (removed > 0) {
                    warnings.add(removed + " half-written entries an interrupted run left behind were removed"
                            + " (the database had not rolled them back); their rows are imported again");
                }
            }
            Run run = new Run(caller, bankName, options, job, counted, size, progress);
            run.readAll(reader);
            db.transaction(c -> {
                job.finish(c, clock.instant());
                audit.append(c, audit.event(caller, "bank.import", "bank:" + bankName, "format="
                        + options.format().label() + " job=" + job.id + " records=" + job.records + " added="
                        + job.added + " existing=" + job.existing + " bad=" + job.bad + " skipped=" + job.skipped));
                return null;
            });
            return summary(job, bankName, options, false, warnings);
        } catch (ImportJob.Conflict e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private Bank writable(Caller caller, String bankName) {
        if (!caller.can(Permission.BANK_WRITE)) {
            throw ApiException.forbidden("role " + caller.role().label() + " may not import (needs bank_write)");
        }
        Bank bank = banks.bank(caller, bankName);
        if (bank.ownerOrgId() != caller.orgId()) {
            throw ApiException.forbidden("bank '" + bankName + "' is shared with you; only " + bank.ownerOrgName()
                    + " can import into it");
        }
        return bank;
    }

    private ImportSummary summary(ImportJob job, String bankName, ImportOptions options, boolean alreadyImported,
            List<String> warnings) {
        return db.transaction(c -> new ImportSummary(job.id, bankName, options.format(), alreadyImported,
                job.resumedAfterLine, job.records, job.line, job.added, job.existing, job.bad, job.skipped,
                ImportJob.problems(c, job.id, "BAD", REPORTED_PROBLEMS),
                ImportJob.problems(c, job.id, "SKIPPED", REPORTED_PROBLEMS), warnings));
    }

    /** One run over the file: the records read and not yet committed, and committing them. */
    private final class Run {

        /** A record with its position in the file (1-based, counting every record). */
        private record Pending(long index, ListRecord record) {}

        private final Caller caller;
        private final String bankName;
        private final ImportOptions options;
        private final ImportJob job;
        private final CountingInputStream counted;
        private final OptionalLong size;
        private final Consumer<ImportProgress> progress;
        private final List<Pending> pending = new ArrayList<>();

        Run(Caller caller, String bankName, ImportOptions options, ImportJob job, CountingInputStream counted,
                OptionalLong size, Consumer<ImportProgress> progress) {
            this.caller = caller;
            this.bankName = bankName;
            this.options = options;
            this.job = job;
            this.counted = counted;
            this.size = size;
            this.progress = progress;
        }

        void readAll(RecordReader reader) throws IOException {
            long committed = job.records;
            long index = 0;
            long line = 0;
            for (Optional<ListRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                index++;
                line = next.get().line();
                if (index <= committed) {
                    if (index % RESUME_REPORT_EVERY == 0) {
                        report(line, index);
                    }
                    continue;
                }
                pending.add(new Pending(index, checked(next.get())));
                if (pending.size() >= options.batchSize()) {
                    flush();
                }
            }
            flush();
            if (index < committed) {
                throw ApiException.conflict("the file has " + index + " records but an earlier run of this import"
                        + " committed " + committed + ": it is not the same file; import it with restart");
            }
        }

        /** The checks every bank write makes, done here so that a bad row is one row and not a failed batch. */
        private ListRecord checked(ListRecord record) {
            if (!(record instanceof ListRecord.Entry entry)) {
                return record;
            }
            NewContent content = entry.content();
            try {
                BankService.normalise(content);
                if (!content.attributes().isEmpty()) {
                    Attributes.parse(content.attributes());
                }
                return record;
            } catch (ApiException e) {
                return new ListRecord.Bad(entry.line(), e.getMessage());
            } catch (IllegalArgumentException e) {
                return new ListRecord.Bad(entry.line(), "attributes: " + e.getMessage());
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            try {
                commit(pending);
            } catch (RuntimeException e) {
                if (rowLevel(e, false).isEmpty()) {
                    throw e;
                }
                commitRowByRow();
            }
            pending.clear();
            report(job.line, job.records);
        }

        /** After a batch was refused as a whole: each entry in its own transaction, the refused ones as bad rows. */
        private void commitRowByRow() {
            List<Pending> carry = new ArrayList<>();
            for (Pending p : pending) {
                carry.add(p);
                if (p.record() instanceof ListRecord.Entry entry) {
                    try {
                        commit(carry);
                        carry.clear();
                    } catch (RuntimeException e) {
                        String reason = rowLevel(e, true).orElseThrow(() -> e);
                        carry.set(carry.size() - 1, new Pending(p.index(), new ListRecord.Bad(entry.line(), reason)));
                    }
                }
            }
            if (!carry.isEmpty()) {
                commit(carry);
            }
        }

        /** Writes a run of records and the job's progress past them, in one transaction. */
        private void commit(List<Pending> records) {
            List<NewContent> entries = new ArrayList<>();
            List<RowProblem> bad = new ArrayList<>();
            List<RowProblem> skipped = new ArrayList<>();
            for (Pending p : records) {
                switch (p.record()) {
                    case ListRecord.Entry e -> entries.add(e.content());
                    case ListRecord.Bad b -> bad.add(new RowProblem(b.line(), b.reason()));
                    case ListRecord.Skipped s -> skipped.add(new RowProblem(s.line(), s.reason()));
                }
            }
            Pending last = records.getLast();
            long lastLine = last.record().line();
            ImportJob.Advance[] done = new ImportJob.Advance[1];
            if (entries.isEmpty()) {
                ImportJob.Advance a = new ImportJob.Advance(last.index(), lastLine, 0, 0, bad, skipped);
                db.transaction(c -> {
                    job.advance(c, a, clock.instant());
                    return null;
                });
                done[0] = a;
            } else {
                banks.addBatch(caller, bankName, entries, (c, result) -> {
                    done[0] = new ImportJob.Advance(last.index(), lastLine, result.added(), result.existing(), bad,
                            skipped);
                    job.advance(c, done[0], clock.instant());
                });
            }
            job.advanced(done[0]);
        }

        private void report(long line, long records) {
            progress.accept(new ImportProgress(line, records, job.added, job.existing, job.bad, job.skipped,
                    counted.count(), size));
        }
    }

    /**
     * Why a failed write is the rows' fault, if it is: a check the service makes (400), or the database refusing
     * the data (SQLSTATE class 22, data exception). A broken constraint (class 23) is worth retrying a batch row by
     * row (another writer may have added one of its signals meanwhile), but a single row that still breaks one
     * points at the database, not the row. Anything else (the bank gone, access, a lost connection, a deadlock)
     * stops the import, to be resumed.
     */
    private static Optional<String> rowLevel(RuntimeException e, boolean singleRow) {
        if (e instanceof ApiException api) {
            return api.kind() == ApiException.Kind.INVALID ? Optional.of(api.getMessage()) : Optional.empty();
        }
        if (e instanceof StoreException && e.getCause() instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("22") || (state.startsWith("23") && !singleRow)) {
                return Optional.of("the database refused this row (SQLSTATE " + state + ")");
            }
        }
        return Optional.empty();
    }

    /** Readers close what they read; the caller's stream is the caller's to close. */
    private static InputStream uncloseable(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {}
        };
    }
}
