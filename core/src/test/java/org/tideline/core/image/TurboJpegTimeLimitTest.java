package org.tideline.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * libjpeg-turbo cannot be interrupted, so its decodes are timed and an overrun is refused afterwards: a time
 * limit must mean the same whichever JPEG decoder runs.
 */
class TurboJpegTimeLimitTest {

    private static final Path PHOTO = Path.of("../../shared/testdata/pdq/synthetic/img001.jpg");

    @Test
    void a_jpeg_decode_that_overruns_the_time_limit_is_refused_as_too_slow() throws Exception {
        assumeTrue(TurboJpegDecoder.isAvailable(), "libturbojpeg not installed");
        byte[] jpeg = Files.readAllBytes(PHOTO);
        ImageDecoder strict = new ImageDecoder(DecodeOptions.defaults()
                .withJpegBackend(DecodeOptions.JpegBackend.TURBOJPEG)
                .withLimits(ImageLimits.defaults().withTimeout(Duration.ofNanos(1))));
        assertThatThrownBy(() -> strict.decode(jpeg))
                .isInstanceOfSatisfying(ImageRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImageRejectedException.Kind.TOO_SLOW))
                .hasMessageContaining("longer than the limit");

        ImageDecoder normal = new ImageDecoder(DecodeOptions.defaults()
                .withJpegBackend(DecodeOptions.JpegBackend.TURBOJPEG));
        assertThat(normal.decode(jpeg).width()).isEqualTo(1024);
    }
}
