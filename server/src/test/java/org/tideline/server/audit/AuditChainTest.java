package org.tideline.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.server.TestDatabases;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/** The audit chain finds any record edited, deleted, inserted or re-ordered by hand. */
class AuditChainTest {

    @TempDir
    Path data;

    private Database seeded(TestDatabases.Engine engine) {
        Database db = Database.open(TestDatabases.fresh(engine, data));
        try (AuditLog log = new AuditLog(db, Clock.systemUTC())) {
            for (int i = 1; i <= 10; i++) {
                log.append(log.systemEvent(1, "test.write", "thing:" + i, "detail " + i));
            }
            for (int i = 11; i <= 20; i++) {
                log.appendLater(log.systemEvent(1, "match.lookup", "signal:" + i, "query " + i));
            }
            log.flush();
            assertThat(log.verify().intact()).isTrue();
            assertThat(log.verify().records()).isEqualTo(20);
        }
        return db;
    }

    private static AuditVerdict verify(Database db) {
        return db.transaction(AuditLog::verify);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void queries_of_one_caller_share_records_that_still_list_each_query(TestDatabases.Engine engine) {
        try (Database db = Database.open(TestDatabases.fresh(engine, data)); AuditLog log = new AuditLog(db, Clock.systemUTC())) {
            for (int i = 0; i < 250; i++) {
                log.appendLater(log.systemEvent(1, "match.lookup", "signal:pdq", "hash" + i + " -> no match"));
            }
            log.flush();
            List<AuditRecord> records = log.records(0, 100);
            // A grouped record starts with "N events:" and lists one per line; an event the writer took alone is
            // stored as it is.
            assertThat(records.stream().mapToLong(r -> r.event().detail().matches("(?s)\\d+ events:.*")
                    ? r.event().detail().lines().count() - 1 : 1).sum()).isEqualTo(250);
            assertThat(records).allSatisfy(r -> assertThat(r.event().detail().lines().count()).isLessThanOrEqualTo(101));
            assertThat(records.stream().map(r -> r.event().detail()).toList().toString())
                    .contains("hash0 -> no match").contains("hash249 -> no match");
            assertThat(log.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void an_edited_record_is_found(TestDatabases.Engine engine) {
        try (Database db = seeded(engine)) {
            db.transaction(c -> Sql.update(c, "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 7"));
            assertThat(verify(db).firstProblem()).hasValueSatisfying(p -> assertThat(p).contains("record 7 was edited"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_deleted_record_is_found(TestDatabases.Engine engine) {
        try (Database db = seeded(engine)) {
            db.transaction(c -> Sql.update(c, "DELETE FROM audit_log WHERE seq = 12"));
            assertThat(verify(db).firstProblem()).hasValueSatisfying(p -> assertThat(p).contains("record 12 is missing"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void re_ordered_records_are_found(TestDatabases.Engine engine) {
        try (Database db = seeded(engine)) {
            db.transaction(c -> {
                Sql.update(c, "UPDATE audit_log SET seq = 1000 WHERE seq = 4");
                Sql.update(c, "UPDATE audit_log SET seq = 4 WHERE seq = 5");
                return Sql.update(c, "UPDATE audit_log SET seq = 5 WHERE seq = 1000");
            });
            assertThat(verify(db).firstProblem()).hasValueSatisfying(p -> assertThat(p).contains("record 4 does not follow"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_removed_tail_is_found(TestDatabases.Engine engine) {
        try (Database db = seeded(engine)) {
            db.transaction(c -> Sql.update(c, "DELETE FROM audit_log WHERE seq > 17"));
            assertThat(verify(db).firstProblem()).hasValueSatisfying(p -> assertThat(p).contains("newest records were removed"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void an_inserted_record_is_found(TestDatabases.Engine engine) {
        try (Database db = seeded(engine)) {
            db.transaction(c -> {
                Sql.update(c, "UPDATE audit_log SET seq = seq + 1 WHERE seq >= 21");
                return Sql.update(c, "INSERT INTO audit_log (seq, at, org_id, actor, action, target, detail, prev_hash, hash)"
                        + " SELECT 21, at, org_id, actor, action, target, 'forged', hash, hash FROM audit_log WHERE seq = 20");
            });
            assertThat(verify(db).intact()).isFalse();
        }
    }
}
