package org.tideline.server.hotline.capture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.server.TestImages;

/**
 * No copy of captured material is left anywhere: a capture writes no temporary file. The capture runs in a JVM of
 * its own whose {@code java.io.tmpdir} is an empty directory, because the machine's shared temporary directory
 * changes under other processes and could not show what this one wrote.
 */
class SafeFetcherNoFilesTest {

    @Test
    void a_capture_leaves_no_file_in_the_temporary_directory(@TempDir Path tmp) throws Exception {
        Path childTmp = Files.createDirectory(tmp.resolve("child-tmp"));
        try (TestWeb web = TestWeb.start()) {
            web.serve("/page", "text/html", "<img src='/a.png'><img src='/b.png'>".getBytes(UTF_8))
                    .serve("/a.png", "image/png", TestImages.png(30))
                    .serve("/b.png", "image/png", TestImages.png(31))
                    .serve("/direct.png", "image/png", TestImages.png(32));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:-UsePerfData", "-Djava.io.tmpdir=" + childTmp,
                    "-cp", System.getProperty("java.class.path"), CaptureChild.class.getName(),
                    web.url("/page"), web.url("/direct.png"))
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), UTF_8);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("items 3");
        }
        assertThat(listing(childTmp)).isEmpty();
    }

    private static java.util.List<Path> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> !p.equals(directory)).toList();
        }
    }
}
