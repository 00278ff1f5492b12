package org.tideline.server.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.server.ApiException;
import org.tideline.server.Services;
import org.tideline.server.TestDatabases;
import org.tideline.server.TidelineServer;
import org.tideline.server.access.Caller;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.store.Sql;

/** Banks, entries, sharing and the change log, on the embedded H2 and on a real PostgreSQL. */
class BankStorageTest {

    @TempDir
    Path data;

    private static final String PDQ_A = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    private static final String PDQ_B = "0000000000000000000000000000000000000000000000000000000000000001";

    private Services open(TestDatabases.Engine engine) {
        return TidelineServer.open(TidelineServer.Config.embedded(data)
                .withDatabase(TestDatabases.fresh(engine, data)));
    }

    private static Caller caller(Services s, String org, Role role) {
        if (s.access().organisation(org).isEmpty()) {
            s.access().createOrganisation(org, OrgType.COMPANY);
        }
        return s.access().authenticate(s.access().createApiKey(org, role, "t").secret()).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void adding_the_same_signal_twice_answers_the_same_entry_and_logs_once(TestDatabases.Engine engine) {
        Services s = open(engine);
        try {
            Caller curator = caller(s, "Hotline", Role.CURATOR);
            s.banks().createBank(curator, BankSettings.named("ONE"));
            BankContent first = s.banks().addContent(curator, "ONE", NewContent.of(Map.of(SignalType.PDQ, PDQ_A)));
            long head = s.db().transaction(ChangeLog::head);
            BankContent again = s.banks().addContent(curator, "ONE",
                    NewContent.of(Map.of(SignalType.PDQ, PDQ_A.toUpperCase())));
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(s.db().transaction(ChangeLog::head)).isEqualTo(head);
            assertThat(first.provenance().contributor()).isEqualTo("Hotline");
        } finally {
            TidelineServer.close(s);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_private_bank_is_invisible_to_other_organisations_until_shared(TestDatabases.Engine engine) {
        Services s = open(engine);
        try {
            Caller owner = caller(s, "Owner", Role.CURATOR);
            Caller other = caller(s, "Other", Role.CURATOR);
            s.banks().createBank(owner, BankSettings.named("PRIV"));
            assertThatThrownBy(() -> s.banks().bank(other, "PRIV"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.NOT_FOUND));
            assertThat(s.banks().banks(other)).extracting(Bank::name).doesNotContain("PRIV");

            s.banks().updateBank(owner, "PRIV", BankSettings.none().withSharing(Sharing.ORGANISATIONS, Set.of("Other")));
            assertThat(s.banks().bank(other, "PRIV").name()).isEqualTo("PRIV");
            assertThatThrownBy(() -> s.banks().addContent(other, "PRIV", NewContent.of(Map.of(SignalType.PDQ, PDQ_A))))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.FORBIDDEN));
        } finally {
            TidelineServer.close(s);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void concurrent_writers_get_gapless_log_numbers_in_commit_order(TestDatabases.Engine engine) throws Exception {
        Services s = open(engine);
        try {
            Caller curator = caller(s, "Hotline", Role.CURATOR);
            s.banks().createBank(curator, BankSettings.named("BUSY"));
            long before = s.db().transaction(ChangeLog::head);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String hex = String.format("%064x", 0x1234567L * (i + 1));
                writes.add(pool.submit(() -> s.banks().addContent(curator, "BUSY",
                        NewContent.of(Map.of(SignalType.SHA256, hex)))));
            }
            for (Future<?> f : writes) {
                f.get();
            }
            pool.shutdown();
            List<Change> log = s.db().transaction(c -> ChangeLog.since(c, before, 10_000));
            assertThat(log).hasSize(120);
            for (int i = 0; i < log.size(); i++) {
                assertThat(log.get(i).seq()).isEqualTo(before + i + 1);
            }
        } finally {
            TidelineServer.close(s);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_failed_write_changes_nothing(TestDatabases.Engine engine) {
        Services s = open(engine);
        try {
            Caller curator = caller(s, "Hotline", Role.CURATOR);
            s.banks().createBank(curator, BankSettings.named("SAFE"));
            long head = s.db().transaction(ChangeLog::head);
            Long entries = s.db().transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM bank_content"));
            List<NewContent> batch = List.of(NewContent.of(Map.of(SignalType.PDQ, PDQ_A)),
                    NewContent.of(Map.of(SignalType.PDQ, PDQ_B.replace('1', '0'))));
            assertThatThrownBy(() -> s.banks().addContents(curator, "SAFE", batch)).isInstanceOf(ApiException.class);
            assertThat(s.db().transaction(ChangeLog::head)).isEqualTo(head);
            Long after = s.db().transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM bank_content"));
            assertThat(after).isEqualTo(entries);
        } finally {
            TidelineServer.close(s);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void attributes_become_verdicts_per_scheme_with_assessor_and_time(TestDatabases.Engine engine) {
        Services s = open(engine);
        try {
            Caller curator = caller(s, "Hotline", Role.CURATOR);
            s.banks().createBank(curator, BankSettings.named("CLASSIFIED"));
            var content = new NewContent(Map.of(SignalType.PDQ, PDQ_A), Optional.of(100), Optional.of("test"),
                    Optional.of("r1"), Map.of("ageBand", "PREPUBESCENT", "pubertalStage", "PREPUBESCENT", "selfGenerated", false,
                            "activities", List.of("LASCIVIOUS_EXHIBITION"),
                            "depiction", "REAL"), Optional.empty(), false);
            BankContent added = s.banks().addContent(curator, "CLASSIFIED", content);
            BankContent read = s.banks().content(curator, "CLASSIFIED", added.id());
            assertThat(read.verdicts()).extracting(v -> v.scheme() + "=" + v.value())
                    .contains("INDUSTRY=A2", "INTERPOL_BASELINE=BASELINE");
            assertThat(read.verdicts()).allSatisfy(v -> assertThat(v.assessor()).isEqualTo(curator.principal()));
            assertThat(read.verdicts()).isEqualTo(added.verdicts());
        } finally {
            TidelineServer.close(s);
        }
    }
}
