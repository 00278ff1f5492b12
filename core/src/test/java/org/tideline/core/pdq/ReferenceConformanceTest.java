package org.tideline.core.pdq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.core.image.DecodeOptions;
import org.tideline.core.image.DecodeOptions.JpegBackend;
import org.tideline.core.media.MediaHasher;

/**
 * Every image in ../shared/testdata/pdq against Meta's reference hashes (expected/full-resolution.csv and
 * expected/cpp-512.csv), in both conventions, with the eight dihedral hashes and the quality, through both JPEG
 * decoders.
 *
 * <p>Bit-exact on every JPEG (RGB, greyscale and CMYK), PNG and, with the system's libwebp, WebP. One allowance,
 * about decoding rather than hashing: without libwebp, WebP falls back to TwelveMonkeys' pure-Java VP8 decoder,
 * whose pixels differ from libwebp's; measured up to 8 bits on the five WebP files, allowed
 * {@link #WEBP_FALLBACK_TOLERANCE} (the usual match threshold is 31).
 *
 * <p>And one allowance for the ImageIO fallback only: misc-images/wee.jpg is a progressive JPEG whose scans leave
 * coefficients incomplete, which libjpeg-turbo 2.1 (like the reference's ImageMagick) smooths differently from
 * the IJG libjpeg 6b inside the JDK. Its hash is still exact; two of its dihedral hashes are 2 bits off.
 */
class ReferenceConformanceTest {

    static final int WEBP_FALLBACK_TOLERANCE = 8;
    private static final boolean LIBWEBP = new org.tideline.core.image.ImageDecoder().webpDecoderName().equals("libwebp");

    @ParameterizedTest(name = "JPEG through {0}")
    @EnumSource(value = JpegBackend.class, names = {"AUTO", "IMAGEIO"})
    void full_resolution_hashes_match_the_cpp_reference_bit_for_bit(JpegBackend backend) throws Exception {
        checkAll(ReferenceHashes.fullResolution(), PdqMode.FULL, backend);
    }

    @ParameterizedTest(name = "JPEG through {0}")
    @EnumSource(value = JpegBackend.class, names = {"AUTO", "IMAGEIO"})
    void compat_512_hashes_match_metas_cpp_cli_bit_for_bit(JpegBackend backend) throws Exception {
        checkAll(ReferenceHashes.cpp512(), PdqMode.COMPAT_512, backend);
    }

    static final int IMAGEIO_PROGRESSIVE_SMOOTHING_TOLERANCE = 2;

    static int toleranceFor(ReferenceHashes.Row row) {
        return row.extension().equals("webp") && !LIBWEBP ? WEBP_FALLBACK_TOLERANCE : 0;
    }

    private static int dihedralToleranceFor(ReferenceHashes.Row row, JpegBackend backend) {
        if (backend == JpegBackend.IMAGEIO && row.path().endsWith("misc-images/wee.jpg")) {
            return IMAGEIO_PROGRESSIVE_SMOOTHING_TOLERANCE;
        }
        return toleranceFor(row);
    }

    private static void checkAll(List<ReferenceHashes.Row> rows, PdqMode mode, JpegBackend backend) throws Exception {
        MediaHasher hasher = new MediaHasher(DecodeOptions.defaults().withJpegBackend(backend), mode, true);
        List<String> failures = new ArrayList<>();
        for (ReferenceHashes.Row row : rows) {
            PdqResult got = hasher.hash(row.file()).pdq();
            int tolerance = toleranceFor(row);
            int d = got.hash().distance(row.hash());
            if (d > tolerance) {
                failures.add(row.path() + ": distance " + d + " > " + tolerance + ", got " + got.hash());
            }
            if (tolerance == 0 && got.quality() != row.quality()) {
                failures.add(row.path() + ": quality " + got.quality() + " != " + row.quality());
            }
            for (Dihedral t : Dihedral.values()) {
                int dd = got.dihedral(t).distance(row.dihedral().get(t.ordinal()));
                int allowed = dihedralToleranceFor(row, backend);
                if (dd > allowed) {
                    failures.add(row.path() + " " + t + ": distance " + dd + " > " + allowed);
                }
            }
        }
        assertThat(failures).as("mismatches against the reference (%s mode)", mode.label()).isEmpty();
        assertThat(rows).as("reference rows read").hasSizeGreaterThanOrEqualTo(242);
    }
}
