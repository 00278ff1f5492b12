package org.tideline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.core.index.Digest;
import org.tideline.core.index.HashIndex;
import org.tideline.core.index.HashType;
import org.tideline.core.index.Match;
import org.tideline.core.pdq.PdqHash;

class IndexCommandTest {

    static final String A = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    static final String B = "8ec0c1c6f5a38f8c0e0f31f18e3e8e1c3c07c7070f8fc1c1e1f1f0c0c3c3c3e3";

    @Test
    void builds_an_index_from_hash_lists_keeping_ids_and_storing_repeats_once(@TempDir Path tmp) throws IOException {
        Path one = Files.writeString(tmp.resolve("one.txt"), "# a comment\n" + A + "\tbank-1:item-7\n\n" + B + "\n");
        Path two = Files.writeString(tmp.resolve("two.txt"), A.toUpperCase() + "\tbank-1:item-7\n" + A + "\tother\n");
        Path out = tmp.resolve("idx");
        CliRun run = CliRun.of("index", "build", "--out", out.toString(), one.toString(), two.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("3 entries from 4 lines (1 repeats dropped)");
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(out).readOnly(true).open()) {
            assertThat(index.search(PdqHash.fromHex(A), 0)).extracting(Match::id).containsExactly("bank-1:item-7", "other");
            assertThat(index.search(PdqHash.fromHex(B), 0)).extracting(Match::id).containsExactly("");
        }
    }

    @Test
    void names_the_file_and_line_of_a_malformed_hash_and_writes_nothing(@TempDir Path tmp) throws IOException {
        Path list = Files.writeString(tmp.resolve("bad.txt"), A + "\n" + B + "\nnot-a-hash\tid\n");
        Path out = tmp.resolve("idx");
        CliRun run = CliRun.of("index", "build", "--out", out.toString(), list.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("bad.txt:3").doesNotContain("not-a-hash");
        assertThat(out).doesNotExist();
    }

    @Test
    void refuses_to_overwrite_an_existing_index(@TempDir Path tmp) throws IOException {
        Path list = Files.writeString(tmp.resolve("l.txt"), A + "\n");
        Path out = tmp.resolve("idx");
        assertThat(CliRun.of("index", "build", "--out", out.toString(), list.toString()).exitCode()).isZero();
        CliRun again = CliRun.of("index", "build", "--out", out.toString(), list.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void builds_exact_digest_indexes_too(@TempDir Path tmp) throws IOException {
        String md5 = "d41d8cd98f00b204e9800998ecf8427e";
        Path list = Files.writeString(tmp.resolve("md5.txt"), md5 + "\tempty-file\n");
        Path out = tmp.resolve("idx");
        CliRun run = CliRun.of("index", "build", "--type", "md5", "--out", out.toString(), list.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (HashIndex<Digest> index = HashIndex.builder(HashType.MD5).directory(out).readOnly(true).open()) {
            assertThat(index.search(Digest.md5(md5))).extracting(Match::id).isEqualTo(List.of("empty-file"));
        }
        assertThat(CliRun.of("index", "build", "--type", "crc", "--out", tmp.resolve("x").toString(), list.toString())
                .exitCode()).isEqualTo(2);
    }
}
