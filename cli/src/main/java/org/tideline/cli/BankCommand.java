package org.tideline.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.tideline.server.ApiException;
import org.tideline.server.access.AccessService;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Role;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.BankService;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.SignalType;
import org.tideline.server.exchange.BankExporter;
import org.tideline.server.exchange.BankImporter;
import org.tideline.server.exchange.HashListFormat;
import org.tideline.server.exchange.ImportOptions;
import org.tideline.server.exchange.ImportSummary;
import org.tideline.server.exchange.RowProblem;
import org.tideline.server.store.Database;
import org.tideline.server.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tideline bank import} and {@code tideline bank export}: hash lists in and out of a bank, straight on the
 * database (the server may be running; its matchers pick the new entries up from the change log). The command acts
 * as a curator of the organisation named, and is audited as {@code cli:<user>}.
 */
@Command(name = "bank", mixinStandardHelpOptions = true, description = "Import and export a bank's hash lists.",
        subcommands = {BankCommand.Import.class, BankCommand.Export.class})
final class BankCommand {

    /** Exit code when the import finished but refused some rows. */
    static final int BAD_ROWS = 1;
    /** Exit code when the command could not do its work at all. */
    static final int FAILED = 2;

    /** What both subcommands share: the database, the organisation and the bank. */
    abstract static class OnBank implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Option(names = "--org", required = true, description = "The organisation that owns the bank.")
        String org;

        @Option(names = "--bank", required = true, description = "The bank's name.")
        String bank;

        @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
                description = "csv, tsv, threatexchange, ncmec or stopncii (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--user", defaultValue = "${sys:user.name}",
                description = "Who is running this, for the audit log (default: the login name).")
        String user;

        @Spec
        CommandSpec spec;

        abstract int run(Database db, AuditLog audit, BankService banks, Caller caller) throws IOException;

        @Override
        public Integer call() {
            try (Database db = Database.open(database.config()); AuditLog audit = new AuditLog(db, Clock.systemUTC())) {
                var organisation = new AccessService(db, Clock.systemUTC(), audit).organisation(org)
                        .orElseThrow(() -> ApiException.notFound("no organisation named '" + org + "'"));
                Caller caller = new Caller(organisation.id(), organisation.name(), Role.CURATOR, organisation.operator(), "cli:" + user);
                return run(db, audit, new BankService(db, Clock.systemUTC(), audit), caller);
            } catch (ApiException | StoreException | IllegalArgumentException | IOException e) {
                spec.commandLine().getErr().println("tideline bank " + spec.name() + ": " + e.getMessage());
                return FAILED;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a hash list into a bank: streamed, in batches of about 1,000 rows, idempotent"
                    + " (a row whose signal or source record is in the bank changes nothing) and resumable (run it"
                    + " again with the same file after it was stopped and it carries on after the last batch it"
                    + " committed; run it again after it finished and it does nothing).",
                    "Bad rows are listed by line number; the others are imported. Progress goes to stderr.",
                    "Exit code 0 when every row was taken, 1 when some rows were bad, 2 when the import failed."})
    static final class Import extends OnBank {
        @Parameters(paramLabel = "FILE", description = "The list; - for standard input (not resumable). gzip is"
                + " recognised.")
        String file;

        @Option(names = "--type", paramLabel = "SIGNAL_TYPE",
                description = "Signal type of a CSV/TSV list without a header row (pdq, md5, sha1, sha256).")
        String type;

        @Option(names = "--source", description = "Source exchange recorded with each entry (default: the format).")
        String source;

        @Option(names = "--force", description = "Store PDQ hashes of quality under 50 instead of refusing them.")
        boolean force;

        @Option(names = "--restart", description = "Read the whole file again even if an earlier run got further"
                + " or finished (still changes nothing that is already in the bank).")
        boolean restart;

        @Option(names = "--create-bank", description = "Create the bank if it does not exist.")
        boolean createBank;

        @Override
        int run(Database db, AuditLog audit, BankService banks, Caller caller) throws IOException {
            ImportOptions options = ImportOptions.of(HashListFormat.parse(format)).withForce(force).withRestart(restart);
            if (type != null) {
                options = options.withSignalType(SignalType.parse(type));
            }
            if (source != null) {
                options = options.withSource(source);
            }
            if (createBank && banks.banks(caller).stream().noneMatch(b -> b.name().equals(bank))) {
                banks.createBank(caller, BankSettings.named(bank));
            }
            BankImporter importer = new BankImporter(db, banks, audit, Clock.systemUTC());
            ImportSummary summary;
            try (ImportProgressLine progress = new ImportProgressLine(spec.commandLine().getErr(),
                    Progress.stderrIsTerminal())) {
                if (file.equals("-")) {
                    summary = importer.importStream(caller, bank, System.in, OptionalLong.empty(), options, progress);
                } else {
                    summary = importer.importFile(caller, bank, Path.of(file), options, progress);
                }
            }
            print(summary, spec.commandLine().getOut());
            return summary.bad() > 0 ? BAD_ROWS : 0;
        }

        private void print(ImportSummary s, PrintWriter out) {
            String name = file.equals("-") ? "standard input" : file;
            if (s.alreadyImported()) {
                out.println(name + " was already imported into " + s.bank() + " (job " + s.jobId()
                        + "); nothing was read. --restart reads it again.");
            } else {
                out.println("imported " + name + " into " + s.bank() + " (job " + s.jobId() + ")"
                        + (s.resumedAfterLine() > 0 ? ", resumed after line " + n(s.resumedAfterLine()) : ""));
            }
            out.println("  " + n(s.records()) + " records to line " + n(s.lastLine()) + ": " + n(s.added())
                    + " added, " + n(s.existing()) + " already in the bank, " + n(s.bad()) + " bad, " + n(s.skipped())
                    + " skipped");
            s.warnings().forEach(w -> out.println("  warning: " + w));
            list(out, "bad rows", s.badRows(), s.bad());
            list(out, "skipped rows", s.skippedRows(), s.skipped());
        }

        private static void list(PrintWriter out, String what, List<RowProblem> rows, long total) {
            if (rows.isEmpty()) {
                return;
            }
            out.println(what + (total > rows.size() ? " (the first " + rows.size() + " of " + n(total) + ")" : "") + ":");
            rows.forEach(r -> out.println("  line " + r.line() + ": " + r.reason()));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a bank as a hash list (csv, tsv or threatexchange) to standard output or a file.")
    static final class Export extends OnBank {
        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
        Path out;

        @Override
        int run(Database db, AuditLog audit, BankService banks, Caller caller) throws IOException {
            BankExporter exporter = new BankExporter(banks, audit);
            HashListFormat listFormat = HashListFormat.parse(format);
            exporter.check(caller, bank, listFormat);
            long count;
            if (out == null) {
                Writer stdout = spec.commandLine().getOut();
                count = exporter.export(caller, bank, listFormat, stdout);
            } else {
                try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out),
                        StandardCharsets.UTF_8), 1 << 16)) {
                    count = exporter.export(caller, bank, listFormat, w);
                }
            }
            spec.commandLine().getErr().println("exported " + n(count) + " entries of " + bank);
            return 0;
        }
    }

    static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
