package org.tideline.server.hotline.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.server.TestDatabases;
import org.tideline.server.TestDatabases.Engine;
import org.tideline.server.store.DatabaseConfig;

/**
 * Storing, reading, previewing and destroying media leave no temporary file, not even for a moment. The work runs
 * in a child JVM ({@link MediaChild}) whose {@code java.io.tmpdir} is a fresh directory watched for the whole run:
 * the machine's shared temporary directory is written by other processes, this one only by the child.
 */
class NoTemporaryFilesTest {

    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void no_file_appears_in_the_temporary_directory_at_any_moment(Engine engine) throws Exception {
        Path tmp = Files.createDirectory(data.resolve("child-tmp"));
        DatabaseConfig db = TestDatabases.fresh(engine, data.resolve("db"));
        List<String> created = new ArrayList<>();
        List<String> output;
        int exit;
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
                    "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                    MediaChild.class.getName(), db.url(), db.user(), db.password(), MediaFixture.randomKey(),
                    new String(TestMedia.randomMarker(), StandardCharsets.US_ASCII))
                    .redirectErrorStream(true).start();
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            exit = child.exitValue();
            for (WatchKey key = watch.poll(); key != null; key = watch.poll()) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    created.add(event.kind().name() + " " + event.context());
                }
                key.reset();
            }
        }

        assertThat(exit).as("child output: %s", output).isZero();
        assertThat(output).contains("ok");
        assertThat(created).isEmpty();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }
}
