package org.tideline.server.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tideline.server.ApiException;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * Organisations, API keys and users, and turning a bearer token or a login into a {@link Caller}.
 *
 * <p>Authenticated keys are cached for {@link #CACHE_NANOS}, so the match path does not touch the database on
 * every request; a revoked key therefore stops working within that time.
 */
public final class AccessService {

    static final long CACHE_NANOS = 2_000_000_000L;
    private static final int CACHE_LIMIT = 100_000;
    /** OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane. */
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    /** A cached answer; {@code refreshing} lets exactly one request re-read an expired one. */
    private record Cached(Optional<Caller> caller, long expiresAt, java.util.concurrent.atomic.AtomicBoolean refreshing) {
        Cached(Optional<Caller> caller, long expiresAt) {
            this(caller, expiresAt, new java.util.concurrent.atomic.AtomicBoolean());
        }
    }

    /** How long past expiry a known key is still served while one request re-reads it (never for unknown keys). */
    static final long STALE_NANOS = 3_000_000_000L;

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final ConcurrentHashMap<String, Cached> keyCache = new ConcurrentHashMap<>();

    public AccessService(Database db, Clock clock, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    public Organisation createOrganisation(String name, OrgType type) {
        String clean = cleanName(name, "organisation name");
        return db.transaction(c -> {
            if (organisation(c, clean).isPresent()) {
                throw ApiException.conflict("organisation '" + clean + "' already exists");
            }
            var now = clock.instant();
            boolean operator = Sql.count(c, "SELECT COUNT(*) FROM organisation") == 0;
            long id = Sql.insert(c, "INSERT INTO organisation (name, type, operator, created_at) VALUES (?, ?, ?, ?)",
                    clean, type, operator, now);
            audit.append(c, audit.systemEvent(id, "org.create", "org:" + clean, "type=" + type.label()));
            return new Organisation(id, clean, type, operator, now);
        });
    }

    public Optional<Organisation> organisation(String name) {
        return db.transaction(c -> organisation(c, name));
    }

    public Optional<Organisation> organisation(long id) {
        return db.transaction(c -> Sql.one(c, "SELECT * FROM organisation WHERE id = ?", AccessService::org, id));
    }

    public List<Organisation> organisations() {
        return db.transaction(c -> Sql.list(c, "SELECT * FROM organisation ORDER BY name", AccessService::org));
    }

    /** Creates a key; its secret is in the answer and nowhere else. */
    public NewApiKey createApiKey(String organisationName, Role role, String label) {
        return db.transaction(c -> {
            Organisation org = organisation(c, organisationName)
                    .orElseThrow(() -> ApiException.notFound("no organisation named '" + organisationName + "'"));
            String secret = ApiKeys.newSecret();
            long id = Sql.insert(c,
                    "INSERT INTO api_key (org_id, role, key_hash, label, created_at) VALUES (?, ?, ?, ?, ?)",
                    org.id(), role, ApiKeys.storedForm(secret), label == null ? "" : label, clock.instant());
            audit.append(c, audit.systemEvent(org.id(), "key.create", "key:" + id, "role=" + role.label()));
            return new NewApiKey(id, org.name(), role, secret);
        });
    }

    /** Revokes one of the organisation's keys; another organisation's key is "not found". */
    public void revokeApiKey(long orgId, long keyId) {
        int changed = db.transaction(c -> {
            int n = Sql.update(c,
                    "UPDATE api_key SET revoked_at = ? WHERE id = ? AND org_id = ? AND revoked_at IS NULL",
                    clock.instant(), keyId, orgId);
            if (n > 0) {
                audit.append(c, audit.systemEvent(orgId, "key.revoke", "key:" + keyId, ""));
            }
            return n;
        });
        if (changed == 0) {
            throw ApiException.notFound("no active API key " + keyId);
        }
        keyCache.clear();
    }

    /** The caller a bearer token stands for, if it is a live key. */
    public Optional<Caller> authenticate(String bearer) {
        if (bearer == null || !ApiKeys.looksLikeKey(bearer)) {
            return Optional.empty();
        }
        String stored = ApiKeys.storedForm(bearer);
        long now = System.nanoTime();
        Cached hit = keyCache.get(stored);
        if (hit != null && hit.expiresAt - now > 0) {
            return hit.caller;
        }
        // Expired: one request re-reads while the others keep the previous answer for a moment, so a busy server
        // does not send every in-flight request to the database at once each time a key's entry expires.
        if (hit != null && hit.caller.isPresent() && hit.expiresAt + STALE_NANOS - now > 0
                && !hit.refreshing.compareAndSet(false, true)) {
            return hit.caller;
        }
        Optional<Caller> caller = db.transaction(c -> Sql.one(c,
                "SELECT k.id, k.org_id, k.role, o.name, o.operator FROM api_key k JOIN organisation o ON o.id = k.org_id"
                        + " WHERE k.key_hash = ? AND k.revoked_at IS NULL",
                rs -> new Caller(rs.getLong("org_id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                        rs.getBoolean("operator"), "key:" + rs.getLong("id")),
                stored).or(() -> session(c, stored)));
        if (keyCache.size() >= CACHE_LIMIT) {
            keyCache.clear();
        }
        keyCache.put(stored, new Cached(caller, now + CACHE_NANOS));
        return caller;
    }

    public void createUser(String organisationName, String username, char[] password, Role role) {
        String clean = cleanName(username, "user name");
        if (password.length < 12) {
            throw ApiException.invalid("a password needs at least 12 characters");
        }
        String hash = Password.hash(new String(password)).with(ARGON2).getResult();
        db.transaction(c -> {
            Organisation org = organisation(c, organisationName)
                    .orElseThrow(() -> ApiException.notFound("no organisation named '" + organisationName + "'"));
            if (Sql.count(c, "SELECT COUNT(*) FROM app_user WHERE username = ?", clean) > 0) {
                throw ApiException.conflict("user '" + clean + "' already exists");
            }
            long id = Sql.insert(c, "INSERT INTO app_user (org_id, username, password_hash, role, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", org.id(), clean, hash, role, clock.instant());
            audit.append(c, audit.systemEvent(org.id(), "user.create", "user:" + clean, "role=" + role.label()));
            return id;
        });
    }

    /** A session token for a user who logged in, valid for {@link #SESSION_HOURS} hours. */
    public record Session(String token, Caller caller, java.time.Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[caller=" + caller + ", expiresAt=" + expiresAt + "]";
        }
    }

    public static final int SESSION_HOURS = 8;

    /**
     * Logs a user in: checks the password and, if right, opens a session whose token authenticates like an API key
     * (as a bearer token). Every attempt is audited, failed ones included.
     */
    public Optional<Session> startSession(String username, char[] password) {
        return login(username, password).map(caller -> {
            String token = ApiKeys.newSecret();
            var now = clock.instant();
            var expires = now.plus(java.time.Duration.ofHours(SESSION_HOURS));
            db.transaction(c -> Sql.update(c, "INSERT INTO app_session (user_id, token_hash, created_at, expires_at)"
                    + " SELECT id, ?, ?, ? FROM app_user WHERE username = ?", ApiKeys.storedForm(token), now, expires,
                    username));
            return new Session(token, caller, expires);
        });
    }

    /** Ends a session (logout); unknown tokens are ignored. */
    public void endSession(String token) {
        if (ApiKeys.looksLikeKey(token)) {
            db.transaction(c -> Sql.update(c, "DELETE FROM app_session WHERE token_hash = ?", ApiKeys.storedForm(token)));
            keyCache.remove(ApiKeys.storedForm(token));
        }
    }

    /** Checks a password; unknown users cost the same argon2 work, so timing does not reveal who exists. */
    public Optional<Caller> login(String username, char[] password) {
        record Stored(Caller caller, String hash) {}
        Optional<Stored> user = db.transaction(c -> Sql.one(c,
                "SELECT u.org_id, u.role, u.password_hash, o.name, o.operator FROM app_user u"
                        + " JOIN organisation o ON o.id = u.org_id WHERE u.username = ? AND NOT u.disabled",
                rs -> new Stored(new Caller(rs.getLong("org_id"), rs.getString("name"),
                        Role.valueOf(rs.getString("role")), rs.getBoolean("operator"), "user:" + username),
                        rs.getString("password_hash")),
                username));
        String hash = user.map(Stored::hash).orElse(DUMMY_HASH);
        boolean ok = Password.check(new String(password), hash).with(ARGON2) && user.isPresent();
        long orgId = user.map(u -> u.caller().orgId()).orElse(0L);
        audit.appendLater(audit.systemEvent(orgId, ok ? "login" : "login.failed", "user:" + username, ""));
        return ok ? Optional.of(user.get().caller()) : Optional.empty();
    }

    private static final String DUMMY_HASH =
            Password.hash("not a password of anyone").with(ARGON2).getResult();

    private Optional<Caller> session(Connection c, String stored) {
        try {
            return Sql.one(c, "SELECT u.org_id, u.role, u.username, o.name, o.operator FROM app_session s"
                            + " JOIN app_user u ON u.id = s.user_id JOIN organisation o ON o.id = u.org_id"
                            + " WHERE s.token_hash = ? AND s.expires_at > ? AND NOT u.disabled",
                    rs -> new Caller(rs.getLong("org_id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                            rs.getBoolean("operator"), "user:" + rs.getString("username")), stored, clock.instant());
        } catch (SQLException e) {
            throw new org.tideline.server.store.StoreException(e.getMessage(), e);
        }
    }

    private static Optional<Organisation> organisation(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT * FROM organisation WHERE name = ?", AccessService::org, name);
    }

    private static Organisation org(ResultSet rs) throws SQLException {
        return new Organisation(rs.getLong("id"), rs.getString("name"), OrgType.valueOf(rs.getString("type")),
                rs.getBoolean("operator"), Sql.instant(rs, "created_at"));
    }

    private static String cleanName(String name, String what) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100 || clean.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(what + " must be 1-100 printable characters");
        }
        return clean;
    }
}
