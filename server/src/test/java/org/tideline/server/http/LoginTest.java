package org.tideline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.TestServer;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.audit.AuditRecord;
import org.tideline.server.store.DatabaseConfig;
import org.tideline.server.store.Sql;

/** People log in with a password (stored with argon2) and get a session token; every attempt is audited. */
class LoginTest {

    @TempDir
    Path data;

    @Test
    void a_user_logs_in_uses_the_session_and_logs_out() {
        try (TestServer server = TestServer.start(data, DatabaseConfig.embedded(data))) {
            var access = server.services().access();
            access.createOrganisation("Hotline IT", OrgType.HOTLINE);
            access.createUser("Hotline IT", "analyst1", "correct horse battery".toCharArray(), Role.ANALYST);
            String stored = server.services().db().transaction(c -> Sql.one(c,
                    "SELECT password_hash FROM app_user", rs -> rs.getString(1))).orElseThrow();
            assertThat(stored).startsWith("$argon2id$").doesNotContain("correct horse");

            var wrong = server.json(null, "POST", "/v1/login", "{\"username\":\"analyst1\",\"password\":\"nope nope nope\"}");
            assertThat(wrong.status()).isEqualTo(401);
            var nobody = server.json(null, "POST", "/v1/login", "{\"username\":\"ghost\",\"password\":\"nope nope nope\"}");
            assertThat(nobody.status()).isEqualTo(401);
            assertThat(nobody.body()).isEqualTo(wrong.body());

            var ok = server.json(null, "POST", "/v1/login", "{\"username\":\"analyst1\",\"password\":\"correct horse battery\"}");
            assertThat(ok.status()).isEqualTo(200);
            String token = ok.json().get("token").asText();
            assertThat(ok.json().get("role").asText()).isEqualTo("analyst");
            assertThat(server.get(token, "/v1/banks").status()).isEqualTo(200);
            assertThat(server.json(token, "POST", "/v1/banks", "{\"name\":\"NOPE\"}").status()).isEqualTo(403);

            assertThat(server.json(token, "POST", "/v1/logout", "{}").status()).isEqualTo(204);
            assertThat(server.get(token, "/v1/banks").status()).isEqualTo(401);

            server.services().audit().flush();
            var actions = server.services().audit().records(0, 1000).stream().map(AuditRecord::event)
                    .map(e -> e.action() + " " + e.target()).toList();
            assertThat(actions).contains("login.failed user:analyst1", "login.failed user:ghost", "login user:analyst1");
        }
    }
}
