package org.tideline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.Demo;
import org.tideline.server.Services;
import org.tideline.server.TidelineServer;
import org.tideline.server.bank.SignalType;
import org.tideline.server.match.LookupOptions;
import org.tideline.server.store.Database;
import org.tideline.server.store.DatabaseConfig;
import org.tideline.server.store.Sql;

/** {@code tideline admin} and {@code tideline audit verify} on a data directory, as an operator uses them. */
class AdminAndAuditCommandTest {

    @TempDir
    Path data;

    @Test
    void create_org_and_key_print_a_working_key_once() {
        CliRun org = CliRun.of("admin", "create-org", "--data", data.toString(), "--name", "Example Platform",
                "--type", "company");
        assertThat(org.exitCode()).as(org.err()).isZero();
        CliRun key = CliRun.of("admin", "create-key", "--data", data.toString(), "--org", "Example Platform",
                "--role", "matcher");
        assertThat(key.exitCode()).as(key.err()).isZero();
        String secret = key.out().strip();
        assertThat(secret).startsWith("tl_").hasSize(46);

        try (Database db = Database.open(DatabaseConfig.embedded(data))) {
            String stored = db.transaction(c -> Sql.one(c, "SELECT key_hash FROM api_key", rs -> rs.getString(1)))
                    .orElseThrow();
            assertThat(stored).doesNotContain(secret.substring(3));
        }
        Services s = TidelineServer.open(TidelineServer.Config.embedded(data));
        try {
            assertThat(s.access().authenticate(secret)).hasValueSatisfying(c -> {
                assertThat(c.orgName()).isEqualTo("Example Platform");
                assertThat(c.role().label()).isEqualTo("matcher");
            });
        } finally {
            TidelineServer.close(s);
        }
    }

    @Test
    void bad_admin_input_is_a_clear_error() {
        CliRun org = CliRun.of("admin", "create-org", "--data", data.toString(), "--name", "X", "--type", "pirate");
        assertThat(org.exitCode()).isEqualTo(2);
        assertThat(org.err()).contains("unknown organisation type 'pirate'");
        CliRun key = CliRun.of("admin", "create-key", "--data", data.toString(), "--org", "Nobody", "--role", "admin");
        assertThat(key.exitCode()).isEqualTo(2);
        assertThat(key.err()).contains("no organisation named 'Nobody'");
    }

    @Test
    void the_demo_setup_gives_a_newcomer_a_key_and_a_matching_bank() throws Exception {
        Services s = TidelineServer.open(TidelineServer.Config.embedded(data));
        try {
            Demo.Setup setup = Demo.setUpIfEmpty(s, data).orElseThrow();
            assertThat(Demo.setUpIfEmpty(s, data)).isEmpty();
            assertThat(setup.sampleImages()).hasSize(3).allSatisfy(p -> assertThat(p).exists());
            s.matcher().awaitChange(-1, java.time.Duration.ofSeconds(20));
            var caller = s.access().authenticate(setup.adminKey().secret()).orElseThrow();
            String pdq = s.hasher().hash(java.nio.file.Files.readAllBytes(setup.sampleImages().getFirst()))
                    .pdq().hash().toHex();
            assertThat(s.matcher().lookup(caller, SignalType.PDQ, pdq, LookupOptions.defaults()).hits())
                    .singleElement().satisfies(h -> assertThat(h.bank()).isEqualTo(Demo.BANK));
        } finally {
            TidelineServer.close(s);
        }
    }

    @Test
    void audit_verify_passes_an_intact_log_and_fails_an_edited_one() {
        assertThat(CliRun.of("admin", "create-org", "--data", data.toString(), "--name", "A", "--type", "hotline")
                .exitCode()).isZero();
        assertThat(CliRun.of("admin", "create-key", "--data", data.toString(), "--org", "A", "--role", "admin")
                .exitCode()).isZero();
        CliRun ok = CliRun.of("audit", "verify", "--data", data.toString());
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("intact: 2 records");
        String head = ok.out().substring(ok.out().indexOf("head ") + 5).strip();
        assertThat(CliRun.of("audit", "verify", "--data", data.toString(), "--expect-head", head).exitCode()).isZero();

        try (Database db = Database.open(DatabaseConfig.embedded(data))) {
            db.transaction(c -> Sql.update(c, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 1"));
        }
        CliRun broken = CliRun.of("audit", "verify", "--data", data.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("record 1 was edited");
    }
}
