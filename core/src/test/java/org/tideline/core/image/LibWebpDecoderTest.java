package org.tideline.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tideline.core.image.WebpSamples.Frame;
import org.tideline.core.pdq.Dihedral;
import org.tideline.core.pdq.PdqHasher;
import org.tideline.core.pdq.PdqMode;
import org.tideline.core.pdq.PdqResult;

/**
 * libwebp through FFM must give exactly the pixels of libwebp's {@code dwebp} and of ImageMagick (the decoder
 * behind Meta's reference hashes; their PDQ hashes are checked in {@code WebpReferenceTest}): on the five lossy
 * files of ../shared/testdata/pdq, on lossy and lossless files with alpha encoded here with {@code cwebp}, and on
 * animations, whose first frame is read. Without libwebp, TwelveMonkeys' decoder takes over.
 */
class LibWebpDecoderTest {

    /**
     * How far TwelveMonkeys' pure-Java VP8 decoder, the fallback, lands from libwebp's hashes on the five files:
     * measured 0-6 bits on the hashes and up to 8 on a dihedral hash (I.webp, full mode).
     */
    static final int FALLBACK_TOLERANCE = 8;

    @Test
    void libwebp_is_present_where_ci_installs_it() {
        assumeTrue("true".equals(System.getenv("CI")), "only CI promises libwebp7 (.ci/run installs it)");
        assertThat(LibWebpDecoder.isAvailable()).as("libwebp loaded through FFM").isTrue();
        assertThat(new ImageDecoder().webpDecoderName()).isEqualTo("libwebp");
    }

    @Test
    void the_reference_webp_files_decode_to_the_pixels_of_dwebp_and_imagemagick(@TempDir Path work)
            throws Exception {
        LibWebpDecoder libwebp = libwebp();
        for (String name : WebpSamples.SHARED) {
            Path file = WebpSamples.MODES.resolve(name);
            RasterImage decoded = libwebp.decode(Files.readAllBytes(file));
            RasterImage expected = WebpSamples.dwebp(file, work);
            assertThat(decoded.channels()).isEqualTo(3);
            assertThat(decoded.width()).as(name).isEqualTo(expected.width());
            assertThat(decoded.height()).as(name).isEqualTo(expected.height());
            assertThat(decoded.samples()).as("%s: pixels against dwebp -ppm", name).isEqualTo(expected.samples());
            if (Files.isExecutable(WebpSamples.IMAGEMAGICK)) {
                assertThat(decoded.samples()).as("%s: pixels against ImageMagick", name)
                        .isEqualTo(WebpSamples.imageMagickRgb(file, work));
            }
        }
    }

    @Test
    void a_webp_with_alpha_decodes_to_the_straight_rgb_underneath_as_dwebp_and_imagemagick_give_it(
            @TempDir Path work) throws Exception {
        LibWebpDecoder libwebp = libwebp();
        Path png = WebpSamples.writeRgbaPng(work.resolve("rgba.png"), 96, 64, 7);
        Path cwebp = WebpSamples.webpTool("cwebp");
        Path lossy = work.resolve("lossy-alpha.webp");
        Path lossless = work.resolve("lossless-alpha.webp");
        WebpSamples.run(cwebp, "-quiet", "-q", "80", png, "-o", lossy);
        WebpSamples.run(cwebp, "-quiet", "-lossless", "-exact", png, "-o", lossless);

        for (Path file : List.of(lossy, lossless)) {
            RasterImage decoded = libwebp.decode(Files.readAllBytes(file));
            assertThat(decoded.samples()).as("%s against dwebp", file.getFileName())
                    .isEqualTo(WebpSamples.dwebp(file, work).samples());
            if (Files.isExecutable(WebpSamples.IMAGEMAGICK)) {
                assertThat(decoded.samples()).as("%s against ImageMagick", file.getFileName())
                        .isEqualTo(WebpSamples.imageMagickRgb(file, work));
            }
        }
        // -exact keeps the colour under transparent pixels, and lossless gives it back unchanged.
        assertThat(libwebp.decode(Files.readAllBytes(lossless)).samples())
                .isEqualTo(WebpSamples.rgbWithoutAlpha(WebpSamples.rgbaImage(96, 64, 7)));
    }

    @Test
    void an_animation_is_decoded_as_its_first_frame_at_its_offset_on_a_black_canvas() throws Exception {
        LibWebpDecoder libwebp = libwebp();
        byte[] first = WebpSamples.shared("F.webp");
        byte[] second = WebpSamples.shared("HSV.webp");
        RasterImage firstAlone = libwebp.decode(first);
        byte[] animation = WebpSamples.animation(1700, 1100,
                new Frame(first, 50, 40, 1600, 1004), new Frame(second, 0, 0, 1600, 1004));
        byte[] fullCanvas = WebpSamples.animation(1600, 1004,
                new Frame(first, 0, 0, 1600, 1004), new Frame(second, 0, 0, 1600, 1004));

        assertSameImage(libwebp.decode(animation), WebpSamples.onBlackCanvas(firstAlone, 1700, 1100, 50, 40));
        assertSameImage(libwebp.decode(fullCanvas), firstAlone);
    }

    @Test
    void the_first_frame_of_an_animation_made_by_webpmux_equals_imagemagicks(@TempDir Path work) throws Exception {
        LibWebpDecoder libwebp = libwebp();
        Path cwebp = WebpSamples.webpTool("cwebp");
        Path small = work.resolve("small.webp");
        Path large = work.resolve("large.webp");
        WebpSamples.run(cwebp, "-quiet", "-q", "75", WebpSamples.writeRgbaPng(work.resolve("s.png"), 96, 64, 1),
                "-o", small);
        WebpSamples.run(cwebp, "-quiet", "-lossless", WebpSamples.writeRgbaPng(work.resolve("l.png"), 120, 90, 2),
                "-o", large);
        Path animation = work.resolve("animation.webp");
        WebpSamples.run(WebpSamples.webpTool("webpmux"), "-frame", small, "+100+10+6+0-b", "-frame", large, "+100",
                "-o", animation);

        RasterImage decoded = libwebp.decode(Files.readAllBytes(animation));
        RasterImage frame = WebpSamples.dwebp(small, work);

        assertSameImage(decoded, WebpSamples.onBlackCanvas(frame, 120, 90, 10, 6));
        assertThat(decoded.samples()).as("against ImageMagick's first frame")
                .isEqualTo(WebpSamples.imageMagickRgb(animation, work));
    }

    @Test
    void the_twelvemonkeys_fallback_stays_within_its_tolerance_of_libwebp() throws Exception {
        LibWebpDecoder libwebp = libwebp();
        ImageIoDecoder fallback = new ImageIoDecoder(ImageLimits.defaults(), MemoryBudget.SHARED);
        List<String> over = new ArrayList<>();
        int worst = 0;
        for (String name : WebpSamples.SHARED) {
            byte[] bytes = WebpSamples.shared(name);
            RasterImage exact = libwebp.decode(bytes);
            RasterImage approximate = fallback.decode(bytes, ImageFormat.WEBP);
            for (PdqMode mode : PdqMode.values()) {
                PdqHasher hasher = new PdqHasher(mode);
                PdqResult a = hasher.hash(exact, true);
                PdqResult b = hasher.hash(approximate, true);
                for (Dihedral t : Dihedral.values()) {
                    int d = a.dihedral(t).distance(b.dihedral(t));
                    worst = Math.max(worst, d);
                    if (d > FALLBACK_TOLERANCE) over.add(name + " " + mode + " " + t + ": " + d);
                }
            }
        }
        assertThat(over).isEmpty();
        assertThat(worst).as("the fallback does differ: libwebp is what makes WebP exact").isPositive();
    }

    @Test
    void with_libwebp_disabled_webp_goes_to_twelvemonkeys(@TempDir Path work) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--enable-native-access") || arg.startsWith("--add-modules")) command.add(arg);
        }
        command.addAll(List.of("-Dtideline.libwebp=false", "-cp", System.getProperty("java.class.path"),
                FallbackProbe.class.getName(), WebpSamples.MODES.resolve("F.webp").toString()));
        Path out = work.resolve("probe.out");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();

        assertThat(Files.readString(out).strip()).endsWith("imageio 1600x1004");
    }

    @Test
    void a_decode_over_the_time_limit_is_refused_as_too_slow() throws Exception {
        LibWebpDecoder libwebp = libwebp();
        byte[] webp = WebpSamples.shared("PA.webp");
        LibWebpDecoder strict = LibWebpDecoder.load(ImageLimits.defaults().withTimeout(Duration.ofNanos(1)),
                MemoryBudget.SHARED).orElseThrow();

        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> strict.decode(webp));

        assertThat(e.kind()).isEqualTo(ImageRejectedException.Kind.TOO_SLOW);
        assertThat(e.getMessage()).contains("longer than the limit");
        assertThat(libwebp.decode(webp).width()).isEqualTo(1600);
    }

    /** The decoder under test; skips the test where libwebp is not installed. */
    private static LibWebpDecoder libwebp() {
        assumeTrue(LibWebpDecoder.isAvailable(), "libwebp not installed");
        return LibWebpDecoder.load(ImageLimits.defaults(), MemoryBudget.SHARED).orElseThrow();
    }

    private static void assertSameImage(RasterImage actual, RasterImage expected) {
        assertThat(actual.width()).as("width").isEqualTo(expected.width());
        assertThat(actual.height()).as("height").isEqualTo(expected.height());
        assertThat(actual.channels()).as("channels").isEqualTo(expected.channels());
        assertThat(actual.samples()).as("pixels").isEqualTo(expected.samples());
    }

    /** Run in a child JVM: prints the WebP decoder in use and the size it decodes a file to. */
    static final class FallbackProbe {
        public static void main(String[] args) throws Exception {
            ImageDecoder decoder = new ImageDecoder();
            RasterImage image = decoder.decode(Files.readAllBytes(Path.of(args[0])));
            System.out.println(decoder.webpDecoderName() + " " + image.width() + "x" + image.height());
        }
    }
}
