package org.tideline.server.hotline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media key: from configuration text or a key file, never overwritten, never printed. */
class MediaKeyTest {

    @TempDir
    Path dir;

    @Test
    void a_new_key_file_is_readable_by_its_owner_only() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("media.key");

        MediaKey.createFile(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void an_existing_key_file_is_never_overwritten() throws Exception {
        Path file = dir.resolve("media.key");
        MediaKey first = MediaKey.createFile(file);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> MediaKey.createFile(file)).isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(MediaKey.load(file).keyId()).isEqualTo(first.keyId());
        assertThat(MediaKey.loadOrCreate(file).keyId()).isEqualTo(first.keyId());
    }

    @Test
    void load_or_create_creates_once_then_loads() {
        Path file = dir.resolve("sub-key");
        MediaKey created = MediaKey.loadOrCreate(file);
        assertThat(MediaKey.loadOrCreate(file).keyId()).isEqualTo(created.keyId());
    }

    @Test
    void a_key_file_and_its_base64_text_are_the_same_key() throws Exception {
        Path file = dir.resolve("media.key");
        MediaKey fromFile = MediaKey.createFile(file);
        String text = Files.readString(file);

        assertThat(Base64.getDecoder().decode(text)).hasSize(32);
        assertThat(MediaKey.fromBase64(text + "\n").keyId()).isEqualTo(fromFile.keyId());
    }

    @Test
    void the_key_never_shows_in_its_text_form() throws Exception {
        Path file = dir.resolve("media.key");
        MediaKey key = MediaKey.createFile(file);
        String text = Files.readString(file);

        assertThat(key.toString()).isEqualTo("MediaKey[" + key.keyId() + "]").doesNotContain(text);
        assertThat(key.keyId()).matches("[0-9a-f]{16}");
        assertThat(text).doesNotContain(key.keyId());
    }

    @Test
    void keys_of_the_wrong_size_or_not_base64_are_refused_without_quoting_them() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MediaKey.fromBase64(shortKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> MediaKey.fromBase64("not*base64!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the media key is not valid base64").hasNoCause();
    }

    @Test
    void different_keys_have_different_ids() {
        assertThat(MediaKey.fromBase64(randomKey()).keyId())
                .isNotEqualTo(MediaKey.fromBase64(randomKey()).keyId());
    }

    static String randomKey() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return Base64.getEncoder().encodeToString(material);
    }
}
