package org.tideline.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact-hash indexes: same interface, one probe per lookup, only identical digests match. */
class DigestIndexTest {

    static Digest digest(Digest.Algorithm algorithm, String text) throws Exception {
        String name = switch (algorithm) {
            case MD5 -> "MD5";
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
        };
        byte[] bytes = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
        return new Digest(algorithm, HexFormat.of().formatHex(bytes));
    }

    static HashType<Digest> type(Digest.Algorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> HashType.MD5;
            case SHA1 -> HashType.SHA1;
            case SHA256 -> HashType.SHA256;
        };
    }

    @Test
    void finds_exactly_the_stored_digests_for_md5_sha1_and_sha256(@TempDir Path dir) throws Exception {
        for (Digest.Algorithm algorithm : Digest.Algorithm.values()) {
            List<IndexEntry<Digest>> entries = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) entries.add(new IndexEntry<>(digest(algorithm, "file-" + i), "id" + i));
            Path where = dir.resolve(algorithm.name());
            try (HashIndex<Digest> built = HashIndex.builder(type(algorithm)).directory(where).build(entries)) {
                assertThat(built.size()).isEqualTo(20_000);
            }
            try (HashIndex<Digest> index = HashIndex.builder(type(algorithm)).directory(where).readOnly(true).open()) {
                for (int i = 0; i < 20_000; i += 997) {
                    Digest d = digest(algorithm, "file-" + i);
                    assertThat(index.search(d)).containsExactly(new Match<>(d, "id" + i, 0));
                }
                assertThat(index.search(digest(algorithm, "never stored"))).isEmpty();
                Digest stored = digest(algorithm, "file-5");
                char last = stored.hex().charAt(stored.hex().length() - 1);
                Digest oneOff = new Digest(algorithm, stored.hex().substring(0, stored.hex().length() - 1) + (last == '0' ? '1' : '0'));
                assertThat(index.search(oneOff)).isEmpty();
            }
        }
    }

    @Test
    void digest_words_round_trip_including_sha1s_half_word() throws Exception {
        for (Digest.Algorithm algorithm : Digest.Algorithm.values()) {
            KeyCodec<Digest> codec = KeyCodec.of(type(algorithm));
            Digest d = digest(algorithm, "round trip");
            long[] w = new long[codec.words()];
            codec.toWords(d, w, 0);
            assertThat(codec.fromWords(w, 0)).isEqualTo(d);
        }
        assertThat(KeyCodec.of(HashType.SHA1).words()).isEqualTo(3);
    }

    @Test
    void refuses_a_digest_of_the_wrong_kind_or_length() throws Exception {
        assertThatThrownBy(() -> Digest.md5("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Digest.sha1("zz" + "0".repeat(38))).isInstanceOf(IllegalArgumentException.class);
        try (HashIndex<Digest> index = HashIndex.builder(HashType.MD5).open()) {
            Digest sha = digest(Digest.Algorithm.SHA256, "x");
            assertThatThrownBy(() -> index.add(sha, "")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void live_updates_work_the_same_as_for_pdq() throws Exception {
        try (HashIndex<Digest> index = HashIndex.builder(HashType.SHA256).backgroundMaintenance(false).bufferSize(64).open()) {
            for (int i = 0; i < 1000; i++) assertThat(index.add(digest(Digest.Algorithm.SHA256, "f" + i), "b")).isTrue();
            assertThat(index.add(digest(Digest.Algorithm.SHA256, "f1"), "b")).isFalse();
            assertThat(index.disable(digest(Digest.Algorithm.SHA256, "f2"), "b")).isTrue();
            assertThat(index.remove(digest(Digest.Algorithm.SHA256, "f3"), "b")).isTrue();
            assertThat(index.search(digest(Digest.Algorithm.SHA256, "f1"))).hasSize(1);
            assertThat(index.search(digest(Digest.Algorithm.SHA256, "f2"))).isEmpty();
            assertThat(index.search(digest(Digest.Algorithm.SHA256, "f3"))).isEmpty();
            assertThat(index.size()).isEqualTo(999);
            assertThat(index.type().name()).isEqualTo("sha256");
        }
    }
}
