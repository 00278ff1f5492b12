package org.tideline.server.hotline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.server.TestDatabases;
import org.tideline.server.TestDatabases.Engine;
import org.tideline.server.audit.AuditRecord;
import org.tideline.server.hotline.media.MediaVaultException.Kind;
import org.tideline.server.store.DatabaseConfig;
import org.tideline.server.store.Sql;
import org.tideline.server.store.StoreException;

/** The media vault on the embedded H2 and on a real PostgreSQL: encryption at rest, integrity, retention. */
class MediaVaultTest {

    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path data;

    private MediaFixture open(Engine engine) {
        return new MediaFixture(TestDatabases.fresh(engine, data));
    }

    private static Instant in(MediaFixture f, Duration d) {
        return f.clock.instant().plus(d);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void an_item_reads_back_as_stored_with_its_hash(Engine engine) {
        try (MediaFixture f = open(engine)) {
            byte[] png = TestMedia.markedPng(TestMedia.randomMarker());
            long id = f.vault.store(f.orgId, png, "image/png", in(f, DAY));

            StoredMedia read = f.vault.read(id).orElseThrow();
            assertThat(read.bytes()).isEqualTo(png);
            assertThat(read.sha256()).isEqualTo(MediaVault.sha256Hex(png));
            assertThat(read.contentType()).isEqualTo("image/png");
            assertThat(read.orgId()).isEqualTo(f.orgId);
            assertThat(read.storedAt()).isEqualTo(MediaFixture.START);
            assertThat(read.toString()).doesNotContain("[B@").contains(read.sha256());
            assertThat(f.vault.read(id + 1000)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void neither_the_database_nor_any_file_of_it_holds_the_plaintext(Engine engine) throws Exception {
        byte[] marker = TestMedia.randomMarker();
        byte[] png = TestMedia.markedPng(marker);
        DatabaseConfig config = TestDatabases.fresh(engine, data);
        Path files;
        try (MediaFixture f = new MediaFixture(config)) {
            long id = f.vault.store(f.orgId, png, "image/png", in(f, DAY));

            byte[] stored = f.db.transaction(c -> Sql.one(c, "SELECT ciphertext FROM hotline_media WHERE id = ?",
                    rs -> rs.getBytes(1), id)).orElseThrow();
            assertThat(stored).hasSize(png.length + MediaCipher.TAG_BITS / 8);
            assertThat(ByteScan.contains(stored, marker)).isFalse();
            assertThat(ByteScan.contains(stored, Arrays.copyOf(png, 64))).isFalse();
            assertThat(f.vault.read(id).orElseThrow().bytes()).isEqualTo(png);
            files = engine == Engine.H2 ? data : postgresDataDirectoryAfterCheckpoint(f);
        }
        assertThat(ByteScan.countFiles(files)).isPositive();
        assertThat(ByteScan.filesContaining(files, marker)).isEmpty();
        // The scan itself finds the marker where it is: in the image written as a plain file.
        Path control = Files.write(Files.createDirectory(data.resolve("control")).resolve("plain.png"), png);
        assertThat(ByteScan.filesContaining(control.getParent(), marker)).containsExactly(control);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void media_read_with_another_key_is_named_a_wrong_key_not_tampering(Engine engine) {
        try (MediaFixture f = open(engine)) {
            long id = f.vault.store(f.orgId, TestMedia.markedPng(TestMedia.randomMarker()), "image/png", in(f, DAY));
            MediaKey other = MediaKey.fromBase64(MediaFixture.randomKey());

            assertThatThrownBy(() -> f.vaultWith(other).read(id))
                    .isInstanceOfSatisfying(MediaVaultException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.WRONG_KEY);
                        assertThat(e.mediaId()).isEqualTo(id);
                    })
                    .hasMessage("media " + id + " was encrypted with key " + f.key.keyId() + ", the configured key is "
                            + other.keyId());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void an_altered_ciphertext_fails_the_integrity_check(Engine engine) {
        try (MediaFixture f = open(engine)) {
            long id = f.vault.store(f.orgId, TestMedia.markedPng(TestMedia.randomMarker()), "image/png", in(f, DAY));
            f.db.transaction(c -> {
                byte[] ciphertext = Sql.one(c, "SELECT ciphertext FROM hotline_media WHERE id = ?",
                        rs -> rs.getBytes(1), id).orElseThrow();
                ciphertext[ciphertext.length / 2] ^= 1;
                return Sql.update(c, "UPDATE hotline_media SET ciphertext = ? WHERE id = ?", ciphertext, id);
            });

            assertThatThrownBy(() -> f.vault.read(id)).isInstanceOfSatisfying(MediaVaultException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.TAMPERED)).hasMessageContaining("integrity check");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ciphertext_moved_to_another_row_does_not_decrypt_there(Engine engine) {
        try (MediaFixture f = open(engine)) {
            // The same content twice: the rows differ only by id, which the associated data covers.
            byte[] png = TestMedia.markedPng(TestMedia.randomMarker());
            long a = f.vault.store(f.orgId, png, "image/png", in(f, DAY));
            long b = f.vault.store(f.orgId, png, "image/png", in(f, DAY));
            f.db.transaction(c -> {
                Sql.update(c, "UPDATE hotline_media SET nonce = (SELECT nonce FROM hotline_media WHERE id = ?),"
                        + " ciphertext = (SELECT ciphertext FROM hotline_media WHERE id = ?) WHERE id = ?", a, a, b);
                return null;
            });

            assertThat(f.vault.read(a).orElseThrow().bytes()).isEqualTo(png);
            assertThatThrownBy(() -> f.vault.read(b)).isInstanceOfSatisfying(MediaVaultException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.TAMPERED));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void an_item_written_in_a_failed_transaction_is_not_stored(Engine engine) {
        try (MediaFixture f = open(engine)) {
            assertThatThrownBy(() -> f.db.transaction(c -> {
                f.vault.store(c, f.orgId, TestMedia.markedPng(TestMedia.randomMarker()), "image/png", in(f, DAY));
                Sql.update(c, "INSERT INTO hotline_media (id) VALUES (NULL)"); // the report's next write fails
                return null;
            })).isInstanceOf(StoreException.class);

            assertThat(rows(f, "")).isZero();
            assertThat(f.audit.records(0, 100)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void expired_items_are_destroyed_audited_and_the_check_finds_none_left(Engine engine) {
        try (MediaFixture f = open(engine)) {
            byte[] first = TestMedia.markedPng(TestMedia.randomMarker());
            long shortA = f.vault.store(f.orgId, first, "image/png", in(f, DAY));
            long shortB = f.vault.store(f.orgId, TestMedia.markedPng(TestMedia.randomMarker()), "image/png",
                    in(f, DAY.multipliedBy(2)));
            byte[] kept = TestMedia.markedPng(TestMedia.randomMarker());
            long longer = f.vault.store(f.orgId, kept, "image/png", in(f, DAY.multipliedBy(90)));

            f.clock.advance(DAY.multipliedBy(3));
            Instant now = f.clock.instant();
            assertThat(f.vault.verifyDestroyed(now)).isEqualTo(new DestructionCheck(now, 2, 0, 1));
            assertThat(f.vault.verifyDestroyed(now).complete()).isFalse();
            // Past its retention, an item is refused even before the sweep reaches it.
            assertThatThrownBy(() -> f.vault.read(shortA)).isInstanceOfSatisfying(MediaVaultException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.DESTROYED)).hasMessageContaining("retention");

            assertThat(f.vault.destroyExpired(now)).isEqualTo(2);

            DestructionCheck check = f.vault.verifyDestroyed(now);
            assertThat(check).isEqualTo(new DestructionCheck(now, 0, 2, 1));
            assertThat(check.complete()).isTrue();
            assertThat(f.vault.destroyExpired(now)).isZero();
            assertThat(rows(f, " WHERE ciphertext IS NULL AND nonce IS NULL AND destroyed_reason = 'retention'")).isEqualTo(2);
            assertThatThrownBy(() -> f.vault.read(shortB)).isInstanceOfSatisfying(MediaVaultException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.DESTROYED)).hasMessageContaining("destroyed at")
                    .hasMessageContaining("retention");
            assertThat(f.vault.read(longer).orElseThrow().bytes()).isEqualTo(kept);

            List<AuditRecord> destroyed = f.audit.records(0, 100).stream()
                    .filter(r -> r.event().action().equals("media.destroyed")).toList();
            assertThat(destroyed).extracting(r -> r.event().target())
                    .containsExactlyInAnyOrder("media:" + shortA, "media:" + shortB);
            assertThat(destroyed).anySatisfy(r -> assertThat(r.event().detail())
                    .isEqualTo("sha256=" + MediaVault.sha256Hex(first) + " reason=retention"));
            assertThat(destroyed).allSatisfy(r -> assertThat(r.event().orgId()).isEqualTo(f.orgId));
            assertThat(f.audit.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void the_sweep_destroys_many_items_in_batches_each_once(Engine engine) {
        try (MediaFixture f = open(engine)) {
            int items = MediaVault.DESTROY_BATCH * 2 + 37;
            byte[] small = {1, 2, 3, 4, 5, 6, 7, 8};
            f.db.transaction(c -> {
                for (int i = 0; i < items; i++) {
                    f.vault.store(c, f.orgId, small, "application/octet-stream", in(f, DAY));
                }
                return null;
            });
            f.vault.store(f.orgId, small, "application/octet-stream", in(f, DAY.multipliedBy(30)));
            f.clock.advance(DAY.multipliedBy(2));

            assertThat(f.vault.destroyExpired(f.clock.instant())).isEqualTo(items);

            assertThat(f.vault.verifyDestroyed(f.clock.instant())).isEqualTo(
                    new DestructionCheck(f.clock.instant(), 0, items, 1));
            long audited = f.audit.records(0, 10_000).stream()
                    .filter(r -> r.event().action().equals("media.destroyed")).count();
            assertThat(audited).isEqualTo(items);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void one_item_can_be_destroyed_before_its_retention_ends(Engine engine) {
        try (MediaFixture f = open(engine)) {
            long id = f.vault.store(f.orgId, TestMedia.markedPng(TestMedia.randomMarker()), "image/png",
                    in(f, DAY.multipliedBy(90)));

            assertThat(f.vault.destroy(id, "case 2026-17 closed")).isTrue();
            assertThat(f.vault.destroy(id, "case 2026-17 closed")).isFalse();
            assertThat(f.vault.destroy(id + 1000, "no such item")).isFalse();

            assertThatThrownBy(() -> f.vault.read(id)).isInstanceOfSatisfying(MediaVaultException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.DESTROYED)).hasMessageContaining("case 2026-17 closed");
            assertThat(f.vault.verifyDestroyed(f.clock.instant())).isEqualTo(
                    new DestructionCheck(f.clock.instant(), 0, 1, 0));
            assertThat(f.audit.records(0, 100)).filteredOn(r -> r.event().action().equals("media.destroyed"))
                    .singleElement().satisfies(r -> assertThat(r.event().detail()).endsWith("reason=case 2026-17 closed"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void the_database_refuses_a_row_marked_destroyed_that_still_holds_ciphertext(Engine engine) {
        try (MediaFixture f = open(engine)) {
            long id = f.vault.store(f.orgId, TestMedia.markedPng(TestMedia.randomMarker()), "image/png", in(f, DAY));

            assertThatThrownBy(() -> f.db.transaction(c -> Sql.update(c,
                    "UPDATE hotline_media SET destroyed_at = ?, destroyed_reason = 'x' WHERE id = ?",
                    f.clock.instant(), id))).isInstanceOf(StoreException.class);
            assertThat(f.vault.read(id)).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void storing_checks_its_arguments(Engine engine) {
        try (MediaFixture f = open(engine)) {
            byte[] png = TestMedia.markedPng(TestMedia.randomMarker());
            assertThatThrownBy(() -> f.vault.store(f.orgId, new byte[0], "image/png", in(f, DAY)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> f.vault.store(f.orgId, png, "image/png\n", in(f, DAY)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> f.vault.store(f.orgId, png, "image/png", f.clock.instant()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future");
            assertThatThrownBy(() -> f.vault.store(f.orgId + 99, png, "image/png", in(f, DAY)))
                    .isInstanceOf(StoreException.class);
            assertThat(rows(f, "")).isZero();
        }
    }

    private static long rows(MediaFixture f, String where) {
        return f.db.transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM hotline_media" + where));
    }

    /** PostgreSQL's data directory, with everything committed written out to its files (not only to WAL). */
    private static Path postgresDataDirectoryAfterCheckpoint(MediaFixture f) {
        return f.db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
            return Path.of(Sql.one(c, "SHOW data_directory", rs -> rs.getString(1)).orElseThrow());
        });
    }
}
