package org.tideline.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tideline.core.pdq.PdqHasher;
import org.tideline.core.pdq.PdqMode;

/**
 * libjpeg-turbo (FFM) and ImageIO (the JDK's IJG libjpeg) must give the same hashes, so that a deployment's hash
 * list does not depend on whether the system has libturbojpeg. Checked on every JPEG under
 * ../shared/testdata/pdq (the 200 synthetic photos included).
 */
class JpegBackendEquivalenceTest {

    static final Path TESTDATA = Path.of("../../shared/testdata/pdq").toAbsolutePath().normalize();

    private final ImageDecoder turbo = new ImageDecoder(DecodeOptions.defaults()
            .withJpegBackend(DecodeOptions.JpegBackend.TURBOJPEG));
    private final ImageDecoder imageIo = new ImageDecoder(DecodeOptions.defaults()
            .withJpegBackend(DecodeOptions.JpegBackend.IMAGEIO));

    @Test
    void libturbojpeg_is_present_where_ci_installs_it() {
        assumeTrue("true".equals(System.getenv("CI")), "only CI promises libturbojpeg0 (.ci/run installs it)");
        assertThat(TurboJpegDecoder.isAvailable()).as("libturbojpeg loaded through FFM").isTrue();
    }

    @Test
    void both_decoders_give_identical_pdq_hashes_on_every_jpeg() throws Exception {
        assumeTrue(TurboJpegDecoder.isAvailable(), "libturbojpeg not installed");
        List<String> pixelDifferences = new ArrayList<>();
        int checked = 0;
        for (Path file : jpegs()) {
            byte[] bytes = Files.readAllBytes(file);
            RasterImage a = turbo.decode(bytes);
            RasterImage b = imageIo.decode(bytes);
            assertThat(a.width()).isEqualTo(b.width());
            assertThat(a.height()).isEqualTo(b.height());
            assertThat(a.channels()).as(file.toString()).isEqualTo(b.channels());
            if (!Arrays.equals(a.samples(), b.samples())) {
                pixelDifferences.add(TESTDATA.relativize(file).toString());
            }
            for (PdqMode mode : PdqMode.values()) {
                PdqHasher hasher = new PdqHasher(mode);
                assertThat(hasher.hash(a, false).hash()).as(file + " " + mode).isEqualTo(hasher.hash(b, false).hash());
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(230);
        // Baseline JPEGs decode to identical pixels; only the progressive file whose scans leave coefficients
        // incomplete is smoothed differently (libjpeg-turbo 2.1 vs libjpeg 6b), and its hash is still equal.
        assertThat(pixelDifferences).containsOnly("images/misc-images/wee.jpg");
    }

    private static List<Path> jpegs() throws IOException {
        try (Stream<Path> files = Files.walk(TESTDATA)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
    }
}
