package org.tideline.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.exchange.Lists.hash;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.server.ApiException;
import org.tideline.server.TestDatabases;
import org.tideline.server.TestDatabases.Engine;
import org.tideline.server.access.Caller;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.bank.ChangeLog;
import org.tideline.server.bank.SignalType;
import org.tideline.server.store.Sql;

/** Imports into a real database, on H2 and on PostgreSQL: streaming, idempotency, bad rows, resuming. */
class BankImportTest {

    private static final ImportOptions CSV = ImportOptions.of(HashListFormat.CSV);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void a_200k_line_csv_imports_while_reading_only_a_little_ahead_of_what_is_committed(Engine engine)
            throws IOException {
        int rows = 200_000;
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("BIG")) {
            GeneratedList list = new GeneratedList(rows);
            AtomicLong worstLookahead = new AtomicLong();
            AtomicInteger reports = new AtomicInteger();
            ImportSummary summary = f.importer.importStream(f.curator, "BIG", list,
                    OptionalLong.of(GeneratedList.size(rows)), CSV, p -> {
                        reports.incrementAndGet();
                        worstLookahead.accumulateAndGet(list.produced() - GeneratedList.bytesThrough(p.line()),
                                Math::max);
                        assertThat(p.bytesRead()).isEqualTo(list.produced());
                        assertThat(p.totalBytes()).hasValue(GeneratedList.size(rows));
                    });
            assertThat(summary.added()).isEqualTo(rows);
            assertThat(summary.records()).isEqualTo(rows);
            assertThat(summary.lastLine()).isEqualTo(rows + 1);
            assertThat(summary.bad()).isZero();
            assertThat(f.entries("BIG")).isEqualTo(rows);
            assertThat(reports.get()).isEqualTo(rows / ImportOptions.DEFAULT_BATCH);
            // The file is 14.8 MB; the import never read more than its buffers' worth past the committed rows.
            assertThat(worstLookahead.get()).isLessThan(512 * 1024);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void importing_the_same_file_twice_changes_nothing(Engine engine) {
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("TWICE")) {
            String text = csv(1, 2_500);
            ImportSummary first = f.importText("TWICE", text, CSV);
            assertThat(first.added()).isEqualTo(2_500);
            long head = f.changeHead();
            var signals = f.signals("TWICE");

            ImportSummary again = f.importText("TWICE", text, CSV);
            assertThat(again.alreadyImported()).isTrue();
            assertThat(again.jobId()).isEqualTo(first.jobId());
            assertThat(again.added()).isEqualTo(2_500);

            ImportSummary reread = f.importText("TWICE", text, CSV.withRestart(true));
            assertThat(reread.alreadyImported()).isFalse();
            assertThat(reread.added()).isZero();
            assertThat(reread.existing()).isEqualTo(2_500);

            ImportSummary sameHashesOtherFile = f.importText("TWICE", "id,pdq,note\n" + csv(1, 2_500).lines().skip(1)
                    .map(l -> l.split(",")[1] + "," + l.split(",")[0] + ",again").reduce("", (a, b) -> a + b + "\n"), CSV);
            assertThat(sameHashesOtherFile.added()).isZero();

            assertThat(f.entries("TWICE")).isEqualTo(2_500);
            assertThat(f.signals("TWICE")).isEqualTo(signals);
            assertThat(f.changeHead()).isEqualTo(head);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void bad_rows_are_reported_by_line_and_good_rows_kept(Engine engine) {
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("MIXED")) {
            String text = String.join("\n",
                    "signal_type,hash,id",                                  // 1
                    "pdq," + hash(SignalType.PDQ, 1) + ",a",                // 2 good
                    "pdq," + hash(SignalType.PDQ, 2).replace('a', 'g').replace('b', 'g') + "X,b", // 3 malformed hex
                    "md5," + hash(SignalType.MD5, 3).substring(1) + ",c",  // 4 wrong length
                    "sha1," + "0".repeat(40) + ",d",                        // 5 all zeros
                    "tmk," + hash(SignalType.PDQ, 5) + ",e",                // 6 unknown signal type
                    "pdq,\"" + hash(SignalType.PDQ, 6) + "\"x,f",           // 7 broken quoting
                    "sha256," + hash(SignalType.SHA256, 7) + ",g",          // 8 good
                    "");
            ImportSummary summary = f.importText("MIXED", text, CSV);
            assertThat(summary.added()).isEqualTo(2);
            assertThat(summary.bad()).isEqualTo(5);
            assertThat(summary.badRows()).extracting(RowProblem::line).containsExactly(3L, 4L, 5L, 6L, 7L);
            assertThat(summary.badRows()).extracting(RowProblem::reason).satisfiesExactly(
                    r -> assertThat(r).contains("pdq signal must be 64 hex digits"),
                    r -> assertThat(r).contains("md5 signal must be 32 hex digits, got 31"),
                    r -> assertThat(r).contains("all zeros"),
                    r -> assertThat(r).contains("unknown signal type 'tmk'"),
                    r -> assertThat(r).contains("broken quoting"));
            assertThat(f.signals("MIXED")).containsExactlyInAnyOrder("PDQ:" + hash(SignalType.PDQ, 1),
                    "SHA256:" + hash(SignalType.SHA256, 7));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void an_import_stopped_after_some_batches_resumes_and_ends_with_exactly_the_right_entries(Engine engine) {
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("RESUME")) {
            String text = csv(1, 10_000);
            assertThatThrownBy(() -> f.importText("RESUME", text, CSV, p -> {
                if (p.records() >= 3_000) {
                    throw new IllegalStateException("killed");
                }
            })).hasMessage("killed");
            assertThat(f.entries("RESUME")).isEqualTo(3_000);

            List<ImportProgress> seen = new ArrayList<>();
            ImportSummary summary = f.importText("RESUME", text, CSV, seen::add);
            assertThat(summary.resumedAfterLine()).isEqualTo(3_001);
            assertThat(summary.added()).isEqualTo(10_000);
            assertThat(summary.existing()).isZero();
            assertThat(seen.getFirst().records()).isEqualTo(4_000);
            assertThat(f.entries("RESUME")).isEqualTo(10_000);
            assertThat(f.signals("RESUME")).hasSize(10_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rows_a_dead_batch_left_behind_are_removed_before_resuming(Engine engine) {
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("LEFTOVER")) {
            String text = csv(1, 5_000);
            assertThatThrownBy(() -> f.importText("LEFTOVER", text, CSV, p -> {
                if (p.records() >= 2_000) {
                    throw new IllegalStateException("killed");
                }
            })).hasMessage("killed");
            // What H2 brought back after a SIGKILL: part of the third batch, without its change-log records or the
            // job's progress, plus a change-log row past the committed head.
            f.db.transaction(c -> {
                long bank = Sql.count(c, "SELECT id FROM bank WHERE name = 'LEFTOVER'");
                for (int row = 2_001; row <= 2_010; row++) {
                    long id = Sql.insert(c, "INSERT INTO bank_content (bank_id, contributor_org_id, source_exchange,"
                            + " source_record_id, created_at, updated_at) VALUES (?, ?, 'csv', ?, ?, ?)", bank,
                            f.curator.orgId(), String.format("r%07d", row), java.time.Instant.now(), java.time.Instant.now());
                    if (row % 2 == 0) {
                        Sql.update(c, "INSERT INTO bank_signal (bank_id, content_id, signal_type, signal_value)"
                                + " VALUES (?, ?, 'PDQ', ?)", bank, id, hash(SignalType.PDQ, row));
                    }
                }
                Sql.update(c, "INSERT INTO change_log (seq, at, kind, bank_id, content_id) VALUES (?, ?, 'BANK_CHANGED', ?, 0)",
                        ChangeLog.head(c) + 1, java.time.Instant.now(), bank);
                return null;
            });
            ImportSummary summary = f.importText("LEFTOVER", text, CSV);
            assertThat(summary.warnings()).anySatisfy(w -> assertThat(w).startsWith("10 half-written entries"));
            assertThat(summary.added()).isEqualTo(5_000);
            assertThat(f.entries("LEFTOVER")).isEqualTo(5_000);
            assertThat(f.signals("LEFTOVER")).hasSize(5_000);
            assertThat(f.entriesWithoutSignals("LEFTOVER")).isZero();
            assertThat(f.entriesInChangeLog("LEFTOVER")).isEqualTo(5_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void an_import_cut_off_mid_batch_keeps_only_whole_batches_and_resumes(Engine engine) throws IOException {
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("CUT")) {
            byte[] file = csv(1, 5_000).getBytes(StandardCharsets.UTF_8);
            int cut = (int) GeneratedList.bytesThrough(2_500 + 1);
            InputStream dropped = new ByteArrayInputStream(file, 0, cut) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    int n = super.read(b, off, len);
                    if (n < 0) {
                        throw new java.io.UncheckedIOException(new IOException("connection reset"));
                    }
                    return n;
                }
            };
            assertThatThrownBy(() -> f.importer.importStream(f.curator, "CUT", dropped, OptionalLong.of(file.length),
                    CSV, p -> { })).hasMessageContaining("connection reset");
            assertThat(f.entries("CUT")).isEqualTo(2_000);

            ImportSummary summary = f.importer.importStream(f.curator, "CUT", new ByteArrayInputStream(file),
                    OptionalLong.of(file.length), CSV, p -> { });
            assertThat(summary.resumedAfterLine()).isEqualTo(2_001);
            assertThat(summary.added()).isEqualTo(5_000);
            assertThat(f.signals("CUT")).hasSize(5_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rows_with_a_record_id_are_idempotent_by_source_and_id(Engine engine) {
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("BY_ID")) {
            f.importText("BY_ID", "md5,id\n" + hash(SignalType.MD5, 1) + ",r1\n", CSV);
            ImportSummary second = f.importText("BY_ID", "md5,id\n" + hash(SignalType.MD5, 2) + ",r1\n"
                    + hash(SignalType.MD5, 3) + ",r2\n", CSV);
            assertThat(second.added()).isEqualTo(1);
            assertThat(second.existing()).isEqualTo(1);
            assertThat(f.entries("BY_ID")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void export_then_import_into_another_bank_round_trips(Engine engine) throws IOException {
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("SOURCE")) {
            StringBuilder text = new StringBuilder("pdq,md5,sha1,id,source_exchange,note,attributes\n");
            for (int i = 1; i <= 2_345; i++) {
                text.append(hash(SignalType.PDQ, i)).append(',')
                        .append(i % 3 == 0 ? hash(SignalType.MD5, i) : "").append(',')
                        .append(i % 5 == 0 ? hash(SignalType.SHA1, i) : "").append(',')
                        .append(i % 2 == 0 ? "rec-" + i : "").append(',')
                        .append(i % 7 == 0 ? "ncmec" : "").append(',')
                        .append(i % 11 == 0 ? "\"note, with \"\"quotes\"\"\"" : "").append(',')
                        .append(i % 13 == 0 ? "\"{\"\"ageBand\"\":\"\"ADULT\"\",\"\"pubertalStage\"\":\"\"UNKNOWN\"\",\"\"activities\"\":[],"
                                + "\"\"depiction\"\":\"\"REAL\"\",\"\"selfGenerated\"\":false}\"" : "")
                        .append('\n');
            }
            assertThat(f.importText("SOURCE", text.toString(), CSV).added()).isEqualTo(2_345);
            for (HashListFormat format : List.of(HashListFormat.CSV, HashListFormat.TSV)) {
                String copy = "COPY_" + format.label().toUpperCase(java.util.Locale.ROOT);
                f.bank(copy);
                java.io.StringWriter out = new java.io.StringWriter();
                assertThat(f.exporter.export(f.curator, "SOURCE", format, out)).isEqualTo(2_345);
                ImportSummary back = f.importText(copy, out.toString(), ImportOptions.of(format));
                assertThat(back.bad()).isZero();
                assertThat(back.added()).isEqualTo(2_345);
                assertThat(f.signals(copy)).isEqualTo(f.signals("SOURCE"));
                assertThat(described(f, copy)).isEqualTo(described(f, "SOURCE"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void threatexchange_export_reimports_every_signal(Engine engine) throws IOException {
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("TX_OUT").bank("TX_IN")) {
            f.importText("TX_OUT", "pdq,md5\n" + hash(SignalType.PDQ, 1) + "," + hash(SignalType.MD5, 1) + "\n"
                    + hash(SignalType.PDQ, 2) + ",\n", CSV);
            java.io.StringWriter out = new java.io.StringWriter();
            f.exporter.export(f.curator, "TX_OUT", HashListFormat.THREATEXCHANGE, out);
            assertThat(out.toString().lines()).hasSize(3);
            ImportSummary back = f.importText("TX_IN", out.toString(), ImportOptions.of(HashListFormat.THREATEXCHANGE));
            assertThat(back.added()).isEqualTo(3);
            assertThat(f.signals("TX_IN")).isEqualTo(f.signals("TX_OUT"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void only_the_owning_organisations_curators_may_import(Engine engine) {
        try (BankFixture f = BankFixture.open(TestDatabases.fresh(engine, dir)).bank("OWNED")) {
            var other = f.access.createOrganisation("Platform", OrgType.COMPANY);
            Caller stranger = new Caller(other.id(), other.name(), Role.CURATOR, other.operator(), "test:other");
            Caller analyst = new Caller(f.curator.orgId(), f.curator.orgName(), Role.ANALYST, f.curator.operator(), "test:analyst");
            byte[] file = csv(1, 3).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> f.importer.importStream(stranger, "OWNED", new ByteArrayInputStream(file),
                    OptionalLong.empty(), CSV, p -> { }))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.NOT_FOUND));
            assertThatThrownBy(() -> f.importer.importStream(analyst, "OWNED", new ByteArrayInputStream(file),
                    OptionalLong.empty(), CSV, p -> { }))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.FORBIDDEN));
            assertThat(f.entries("OWNED")).isZero();
        }
    }

    /** Each entry's signals, provenance, note and attributes, as text. */
    private static List<String> described(BankFixture f, String bank) {
        List<String> out = new ArrayList<>();
        long after = 0;
        while (true) {
            var page = f.banks.contentPage(f.curator, bank, after, 1000);
            page.forEach(e -> out.add(new java.util.TreeMap<>(e.signals()) + " " + e.provenance().sourceExchange()
                    + " " + e.provenance().sourceRecordId() + " " + e.metadata() + " "
                    + new java.util.TreeMap<>(e.attributes())));
            if (page.size() < 1000) {
                break;
            }
            after = page.getLast().id();
        }
        out.sort(null);
        return out;
    }

    /** A CSV list {@code pdq,id} of rows {@code from..to}, as {@link GeneratedList} makes them. */
    static String csv(int from, int to) {
        StringBuilder b = new StringBuilder("pdq,id\n");
        for (int i = from; i <= to; i++) {
            b.append(GeneratedList.line(i));
        }
        return b.toString();
    }
}
