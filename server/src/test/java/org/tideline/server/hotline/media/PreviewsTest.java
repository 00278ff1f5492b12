package org.tideline.server.hotline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tideline.core.image.ImageRejectedException;
import org.tideline.core.image.ImageRejectedException.Kind;

/**
 * Previews: greyscale everywhere, the default one blurred beyond recognition, hostile files refused quickly with
 * their kind. Images are generated (a checkerboard with a band of text); nothing real is used.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PreviewsTest {

    /** A refusal reads a header; anything near this means the claimed pixels were being decoded. */
    private static final long REFUSAL_MILLIS = 2_000;

    @BeforeAll
    static void load_image_readers_once() throws Exception {
        // ImageIO scans its plugin registry on first use; that one-off cost is not a refusal's.
        Previews.blurred(TestMedia.png(TestMedia.checkerboardWithText(40, 30, "x")), Previews.DEFAULT_SIDE);
    }

    @Test
    void the_blurred_preview_is_greyscale_at_the_size_asked() throws Exception {
        byte[] png = TestMedia.png(TestMedia.checkerboardWithText(400, 300, "TIDELINE"));

        BufferedImage preview = decode(Previews.blurred(png, 320));

        assertThat(preview.getWidth()).isEqualTo(320);
        assertThat(preview.getHeight()).isEqualTo(240);
        assertGreyEverywhere(preview);
    }

    @Test
    void the_blurred_preview_keeps_no_fine_detail() throws Exception {
        BufferedImage original = TestMedia.checkerboardWithText(640, 480, "TIDELINE");

        BufferedImage preview = decode(Previews.blurred(TestMedia.png(original), 640));

        // Mean absolute difference between neighbouring pixels: the energy of edges, text and texture. The
        // checkerboard of 16-pixel squares has an edge every 16 pixels (about 16 levels on average); what is left
        // after the blur is the slow slope between 12 x 9 averaged cells.
        double before = neighbourEnergy(original);
        double after = neighbourEnergy(preview);
        assertThat(before).isGreaterThan(10);
        assertThat(after).isLessThan(before / 20);
    }

    @Test
    void text_in_an_image_cannot_be_told_apart_in_its_blurred_preview() throws Exception {
        BufferedImage a = TestMedia.checkerboardWithText(640, 480, "TIDELINE");
        BufferedImage b = TestMedia.checkerboardWithText(640, 480, "HOTLINES");
        assertThat(meanDifference(a, b)).isGreaterThan(5);

        double blurredDifference = meanDifference(decode(Previews.blurred(TestMedia.png(a), 320)),
                decode(Previews.blurred(TestMedia.png(b), 320)));

        assertThat(blurredDifference).isLessThan(3);
    }

    @Test
    void a_colour_jpeg_gives_a_greyscale_preview() throws Exception {
        BufferedImage colour = TestMedia.checkerboardWithText(300, 400, "JPEG");
        byte[] jpeg = jpeg(colour);

        BufferedImage blurred = decode(Previews.blurred(jpeg, 200));
        assertThat(blurred.getWidth()).isEqualTo(150);
        assertThat(blurred.getHeight()).isEqualTo(200);
        assertGreyEverywhere(blurred);
    }

    @Test
    void the_revealed_view_is_greyscale_and_shrunk_but_keeps_the_picture() throws Exception {
        BufferedImage original = TestMedia.checkerboardWithText(800, 600, "TIDELINE");

        BufferedImage shown = decode(Previews.greyscale(TestMedia.png(original), 400));

        assertThat(shown.getWidth()).isEqualTo(400);
        assertThat(shown.getHeight()).isEqualTo(300);
        assertGreyEverywhere(shown);
        assertThat(neighbourEnergy(shown)).isGreaterThan(10);
    }

    @Test
    void the_revealed_view_of_a_small_image_is_not_enlarged() throws Exception {
        BufferedImage shown = decode(Previews.greyscale(TestMedia.png(TestMedia.checkerboardWithText(120, 90, "x")),
                400));

        assertThat(shown.getWidth()).isEqualTo(120);
        assertThat(shown.getHeight()).isEqualTo(90);
    }

    @Test
    void a_truncated_png_is_refused_as_corrupt_quickly() {
        byte[] png = TestMedia.png(TestMedia.checkerboardWithText(400, 300, "TIDELINE"));

        assertRefusedQuickly(TestMedia.truncated(png, png.length / 2), Kind.CORRUPT);
    }

    @Test
    void a_png_claiming_ten_gigapixels_is_refused_from_its_header() {
        assertRefusedQuickly(TestMedia.pngClaiming(100_000, 100_000), Kind.TOO_LARGE);
    }

    @Test
    void bytes_that_are_no_image_are_refused_as_unsupported() {
        assertRefusedQuickly("<html>not an image</html>".getBytes(), Kind.UNSUPPORTED_FORMAT);
        assertRefusedQuickly(new byte[0], Kind.CORRUPT);
    }

    @Test
    void preview_sizes_out_of_range_are_refused() {
        byte[] png = TestMedia.png(TestMedia.checkerboardWithText(40, 30, "x"));
        assertThatThrownBy(() -> Previews.blurred(png, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Previews.greyscale(png, Previews.MAX_SIDE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefusedQuickly(byte[] bytes, Kind kind) {
        for (boolean blurred : new boolean[] {true, false}) {
            long start = System.nanoTime();
            ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
                    () -> {
                        if (blurred) {
                            Previews.blurred(bytes, 320);
                        } else {
                            Previews.greyscale(bytes, 320);
                        }
                    });
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(e).as("refused").isNotNull();
            assertThat(e.kind()).as(e.toString()).isEqualTo(kind);
            assertThat(millis).isLessThan(REFUSAL_MILLIS);
        }
    }

    static BufferedImage decode(byte[] png) throws IOException {
        // ImageIO.read closes the stream itself; memory-cached, so no cache file either.
        return ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(png)));
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageIO.write(image, "jpg", out);
        }
        return bytes.toByteArray();
    }

    private static void assertGreyEverywhere(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r != g || g != b) {
                    throw new AssertionError("pixel (" + x + ", " + y + ") is not grey: " + r + " " + g + " " + b);
                }
            }
        }
    }

    /** Rec. 601 luma of every pixel. */
    private static int[][] luma(BufferedImage image) {
        int[][] out = new int[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                out[y][x] = (299 * (rgb >> 16 & 0xff) + 587 * (rgb >> 8 & 0xff) + 114 * (rgb & 0xff) + 500) / 1000;
            }
        }
        return out;
    }

    private static double neighbourEnergy(BufferedImage image) {
        int[][] l = luma(image);
        long sum = 0;
        long n = 0;
        for (int y = 0; y < l.length; y++) {
            for (int x = 0; x < l[y].length; x++) {
                if (x + 1 < l[y].length) {
                    sum += Math.abs(l[y][x + 1] - l[y][x]);
                    n++;
                }
                if (y + 1 < l.length) {
                    sum += Math.abs(l[y + 1][x] - l[y][x]);
                    n++;
                }
            }
        }
        return (double) sum / n;
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        int[][] la = luma(a);
        int[][] lb = luma(b);
        long sum = 0;
        for (int y = 0; y < la.length; y++) {
            for (int x = 0; x < la[y].length; x++) {
                sum += Math.abs(la[y][x] - lb[y][x]);
            }
        }
        return (double) sum / ((long) la.length * la[0].length);
    }
}
