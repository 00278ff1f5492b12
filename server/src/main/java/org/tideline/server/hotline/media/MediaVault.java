package org.tideline.server.hotline.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.tideline.server.audit.AuditEvent;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.hotline.media.MediaCipher.Sealed;
import org.tideline.server.hotline.media.MediaVaultException.Kind;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * Captured media, encrypted at rest in {@code hotline_media}, kept until its retention ends and then destroyed in
 * a way that can be checked.
 *
 * <p>Storing: the SHA-256 of the plaintext is taken, the row inserted to get its id, and the plaintext encrypted
 * with AES-256-GCM ({@link MediaCipher}) bound to that id, the organisation and the hash, all inside the caller's
 * transaction, so a report and its items commit together. The plaintext only ever exists in the caller's array and
 * the cipher: never on disk, never in a temporary file, never in a log.
 *
 * <p>Destroying: ciphertext and nonce are set to NULL and the time and reason recorded; the row keeps the size and
 * the SHA-256 of what it held, and the audit log gets a {@code media.destroyed} record per item, so that each
 * {@code media.stored} record has its end. {@link #verifyDestroyed} counts what is still held past its retention.
 * Sharp edge: setting a column to NULL is a logical destruction. PostgreSQL keeps the old row version until VACUUM
 * (and in WAL and backups), H2 the old page until the space is reused or the file compacted; those remnants are
 * ciphertext, unreadable without the key. Destroying the key (after moving live items to a new one) is what ends
 * them for certain.
 *
 * <p>Reads are not audited here: the vault does not know who asked. The hotline service audits each reveal with
 * the analyst's identity, and checks {@link StoredMedia#orgId()} against the caller's organisation.
 */
public final class MediaVault {

    /** Largest item stored: ciphertext sits in one column (and, on H2, in the row itself). */
    public static final int MAX_BYTES = 256 * 1024 * 1024;
    /** Reason recorded by {@link #destroyExpired}. */
    public static final String RETENTION = "retention";
    /** Rows destroyed per transaction by {@link #destroyExpired}: bounded locks and transaction size. */
    static final int DESTROY_BATCH = 500;
    private static final int MAX_CONTENT_TYPE = 100;
    private static final int MAX_REASON = 200;
    private static final String COLUMNS = "id, org_id, content_type, size_bytes, sha256, key_id, nonce, ciphertext,"
            + " stored_at, destroy_after, destroyed_at, destroyed_reason";

    private final Database db;
    private final AuditLog audit;
    private final MediaKey key;
    private final MediaCipher cipher;
    private final Clock clock;

    public MediaVault(Database db, AuditLog audit, MediaKey key, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.key = Objects.requireNonNull(key, "key");
        this.cipher = new MediaCipher(key);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Encrypts and stores one item inside the caller's transaction; returns its id. {@code plaintext} stays the
     * caller's (not wiped here). {@code destroyAfter} must be in the future.
     */
    public long store(Connection c, long orgId, byte[] plaintext, String contentType, Instant destroyAfter)
            throws SQLException {
        Instant now = now();
        checkItem(plaintext, contentType, destroyAfter, now);
        String sha256 = sha256Hex(plaintext);
        long id = Sql.insert(c, "INSERT INTO hotline_media (org_id, content_type, size_bytes, sha256, key_id,"
                        + " stored_at, destroy_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                orgId, contentType, (long) plaintext.length, sha256, key.keyId(), now, destroyAfter);
        // The id is part of the associated data, so the row exists first; the ciphertext follows in the same
        // transaction and no one ever sees the row without it.
        Sealed sealed = cipher.seal(id, orgId, sha256, plaintext);
        Sql.update(c, "UPDATE hotline_media SET nonce = ?, ciphertext = ? WHERE id = ?",
                sealed.nonce(), sealed.ciphertext(), id);
        audit.append(c, audit.systemEvent(orgId, "media.stored", target(id), "sha256=" + sha256 + " bytes="
                + plaintext.length + " destroy_after=" + destroyAfter));
        return id;
    }

    /** {@link #store(Connection, long, byte[], String, Instant)} in a transaction of its own. */
    public long store(long orgId, byte[] plaintext, String contentType, Instant destroyAfter) {
        return db.transaction(c -> store(c, orgId, plaintext, contentType, destroyAfter));
    }

    /**
     * The decrypted item, or empty when there is no such id.
     *
     * @throws MediaVaultException {@link Kind#DESTROYED} when it was destroyed or its retention has ended,
     *     {@link Kind#WRONG_KEY} when it was encrypted with another key, {@link Kind#TAMPERED} when it fails the
     *     integrity check
     */
    public Optional<StoredMedia> read(long id) {
        return db.transaction(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM hotline_media WHERE id = ?",
                MediaVault::row, id)).map(this::open);
    }

    /**
     * Destroys one item now, whatever its retention (e.g. confirmed removed and no longer needed as evidence).
     * Returns whether this call destroyed it: false when it was already destroyed or never existed.
     * {@code reason} is stored and audited, so it names a rule or a case, never a person.
     */
    public boolean destroy(long id, String reason) {
        checkReason(reason);
        return db.transaction(c -> {
            List<Due> due = Sql.list(c, "SELECT id, org_id, sha256 FROM hotline_media"
                    + " WHERE id = ? AND destroyed_at IS NULL FOR UPDATE", MediaVault::due, id);
            return destroy(c, due, reason) == 1;
        });
    }

    /**
     * Destroys every item whose retention ended at or before {@code now}, {@value #DESTROY_BATCH} per transaction,
     * and returns how many. Safe to run from several processes at once: each item is destroyed, and audited, once.
     */
    public int destroyExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        int destroyed = 0;
        while (true) {
            int[] selectedAndDestroyed = db.transaction(c -> {
                List<Due> due = Sql.list(c, "SELECT id, org_id, sha256 FROM hotline_media"
                        + " WHERE destroyed_at IS NULL AND destroy_after <= ? ORDER BY id LIMIT " + DESTROY_BATCH
                        + " FOR UPDATE", MediaVault::due, now);
                return new int[] {due.size(), destroy(c, due, RETENTION)};
            });
            destroyed += selectedAndDestroyed[1];
            if (selectedAndDestroyed[0] < DESTROY_BATCH) {
                return destroyed;
            }
        }
    }

    /** Counts, from the rows themselves, what is still held past its retention (see {@link DestructionCheck}). */
    public DestructionCheck verifyDestroyed(Instant now) {
        Objects.requireNonNull(now, "now");
        return db.transaction(c -> new DestructionCheck(now,
                Sql.count(c, "SELECT COUNT(*) FROM hotline_media WHERE destroyed_at IS NULL AND destroy_after <= ?"
                        + " AND (ciphertext IS NOT NULL OR nonce IS NOT NULL)", now)
                        + Sql.count(c, "SELECT COUNT(*) FROM hotline_media WHERE destroyed_at IS NOT NULL"
                        + " AND (ciphertext IS NOT NULL OR nonce IS NOT NULL)"),
                Sql.count(c, "SELECT COUNT(*) FROM hotline_media WHERE destroyed_at IS NOT NULL"),
                Sql.count(c, "SELECT COUNT(*) FROM hotline_media WHERE destroyed_at IS NULL AND destroy_after > ?",
                        now)));
    }

    /** The configured key's fingerprint. */
    public String keyId() {
        return key.keyId();
    }

    private StoredMedia open(Row row) {
        if (row.destroyedAt() != null) {
            throw new MediaVaultException(Kind.DESTROYED, row.id(), "media " + row.id() + " was destroyed at "
                    + row.destroyedAt() + " (" + row.destroyedReason() + ")");
        }
        if (!now().isBefore(row.destroyAfter())) {
            throw new MediaVaultException(Kind.DESTROYED, row.id(), "media " + row.id()
                    + " reached the end of its retention at " + row.destroyAfter() + " and awaits destruction");
        }
        if (!row.keyId().equals(key.keyId())) {
            throw new MediaVaultException(Kind.WRONG_KEY, row.id(), "media " + row.id() + " was encrypted with key "
                    + row.keyId() + ", the configured key is " + key.keyId());
        }
        if (row.nonce() == null || row.ciphertext() == null) {
            throw tampered(row.id(), "has no ciphertext but was not destroyed");
        }
        byte[] plaintext;
        try {
            plaintext = cipher.open(row.id(), row.orgId(), row.sha256(), row.nonce(), row.ciphertext());
        } catch (AEADBadTagException e) {
            throw tampered(row.id(), "fails its integrity check (ciphertext altered, or moved from another row)");
        }
        // Cannot differ unless someone holding the key forged the row; checked because it costs one hash.
        if (plaintext.length != row.size() || !sha256Hex(plaintext).equals(row.sha256())) {
            Arrays.fill(plaintext, (byte) 0);
            throw tampered(row.id(), "decrypts to content whose SHA-256 is not the recorded one");
        }
        return new StoredMedia(row.id(), row.orgId(), row.contentType(), plaintext, row.sha256(), row.storedAt());
    }

    /** Empties the rows of {@code due} that are not destroyed yet and audits each one; returns how many. */
    private int destroy(Connection c, List<Due> due, String reason) throws SQLException {
        if (due.isEmpty()) {
            return 0;
        }
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement("UPDATE hotline_media SET ciphertext = NULL, nonce = NULL,"
                + " destroyed_at = ?, destroyed_reason = ? WHERE id = ? AND destroyed_at IS NULL")) {
            Instant at = now();
            for (Due d : due) {
                ps.setObject(1, at.atOffset(ZoneOffset.UTC));
                ps.setString(2, reason);
                ps.setLong(3, d.id());
                ps.addBatch();
            }
            counts = ps.executeBatch();
        }
        List<AuditEvent> events = new ArrayList<>(due.size());
        for (int i = 0; i < due.size(); i++) {
            if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                Due d = due.get(i);
                events.add(audit.systemEvent(d.orgId(), "media.destroyed", target(d.id()),
                        "sha256=" + d.sha256() + " reason=" + reason));
            }
        }
        audit.append(c, events);
        return events.size();
    }

    private static void checkItem(byte[] plaintext, String contentType, Instant destroyAfter, Instant now) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(destroyAfter, "destroyAfter");
        if (plaintext.length == 0 || plaintext.length > MAX_BYTES) {
            throw new IllegalArgumentException("media must be 1 to " + MAX_BYTES + " bytes, got " + plaintext.length);
        }
        if (contentType.isBlank() || contentType.length() > MAX_CONTENT_TYPE
                || contentType.chars().anyMatch(ch -> ch < 0x20 || ch > 0x7e)) {
            throw new IllegalArgumentException("content type must be 1 to " + MAX_CONTENT_TYPE
                    + " printable ASCII characters");
        }
        if (!destroyAfter.isAfter(now)) {
            throw new IllegalArgumentException("destroyAfter must be in the future, got " + destroyAfter);
        }
    }

    private static void checkReason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("reason must be 1 to " + MAX_REASON + " characters on one line");
        }
    }

    private static MediaVaultException tampered(long id, String what) {
        return new MediaVaultException(Kind.TAMPERED, id, "media " + id + " " + what);
    }

    private static String target(long id) {
        return "media:" + id;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A row as stored; {@code nonce} and {@code ciphertext} are null once destroyed. */
    private record Row(long id, long orgId, String contentType, long size, String sha256, String keyId, byte[] nonce,
            byte[] ciphertext, Instant storedAt, Instant destroyAfter, Instant destroyedAt, String destroyedReason) {}

    /** What destruction needs of a row: never its ciphertext. */
    private record Due(long id, long orgId, String sha256) {}

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("org_id"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("sha256"), rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("ciphertext"),
                Sql.instant(rs, "stored_at"), Sql.instant(rs, "destroy_after"), Sql.instant(rs, "destroyed_at"),
                rs.getString("destroyed_reason"));
    }

    private static Due due(ResultSet rs) throws SQLException {
        return new Due(rs.getLong("id"), rs.getLong("org_id"), rs.getString("sha256"));
    }
}
