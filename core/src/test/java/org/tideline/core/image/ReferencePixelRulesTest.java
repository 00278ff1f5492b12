package org.tideline.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The decoding rules that make hashes of files outside ../shared match Meta's C++ reference, which decodes
 * through ImageMagick into CImg. Each was found by comparing pixels with the reference build on generated images
 * (see docs/hashing.md, "Checked on images outside the test data").
 */
class ReferencePixelRulesTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void an_rgb_file_whose_every_pixel_is_grey_is_hashed_as_greyscale() throws Exception {
        // ImageMagick hands CImg a PGM for such images, and the reference then takes the grey luma path.
        RasterImage raster = decoder.decode(png(greyGradientRgb()));
        assertThat(raster.channels()).isEqualTo(1);
        assertThat(raster.sample(37, 5, 0)).isEqualTo(37 + 2 * 5);
    }

    @Test
    void a_single_coloured_pixel_keeps_the_image_rgb() throws Exception {
        BufferedImage img = greyGradientRgb();
        img.setRGB(63, 63, 0x102030);
        assertThat(decoder.decode(png(img)).channels()).isEqualTo(3);
    }

    @Test
    void an_uncompressed_bmp_stays_rgb_even_when_grey_as_cimg_loads_it() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(greyGradientRgb(), "bmp", out);
        assertThat(decoder.decode(out.toByteArray()).channels()).isEqualTo(3);
    }

    @Test
    void samples_under_8_bits_are_widened_by_bit_replication() {
        assertThat(RasterConversion.to8Bits(7, 5)).isEqualTo(57);    // 00111 -> 00111001
        assertThat(RasterConversion.to8Bits(31, 5)).isEqualTo(255);
        assertThat(RasterConversion.to8Bits(33, 6)).isEqualTo(134);  // 100001 -> 10000110
        for (int bits : new int[] {1, 2, 4}) {
            int max = (1 << bits) - 1;
            for (int v = 0; v <= max; v++) {
                assertThat(RasterConversion.to8Bits(v, bits)).isEqualTo(v * 255 / max);
            }
        }
    }

    @Test
    void sixteen_bit_samples_are_rounded_to_8_bits() {
        assertThat(RasterConversion.to8Bits(0xFF00, 16)).isEqualTo(254);
        assertThat(RasterConversion.to8Bits(0x8000, 16)).isEqualTo(128);
        assertThat(RasterConversion.to8Bits(65535, 16)).isEqualTo(255);
    }

    @Test
    void premultiplied_colour_is_restored_as_imagemagick_does() {
        assertThat(RasterConversion.unpremultiply(64, 128)).isEqualTo(128);
        assertThat(RasterConversion.unpremultiply(200, 255)).isEqualTo(200);
        assertThat(RasterConversion.unpremultiply(0, 0)).isEqualTo(0);
        assertThat(RasterConversion.unpremultiply(255, 1)).isEqualTo(255);
    }

    @Test
    void tiff_palettes_are_rounded_from_16_bits_not_truncated() throws Exception {
        // Entry 1 is (0xFF00, 0x8000, 0x0100): ImageMagick rounds to (254, 128, 1); the high byte would be 255.
        RasterImage raster = decoder.decode(paletteTiff());
        assertThat(raster.channels()).isEqualTo(3);
        assertThat(new int[] {raster.sample(1, 0, 0), raster.sample(1, 0, 1), raster.sample(1, 0, 2)})
                .containsExactly(254, 128, 1);
    }

    private static BufferedImage greyGradientRgb() {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int g = (x + 2 * y) & 0xff;
                img.setRGB(x, y, g << 16 | g << 8 | g);
            }
        }
        return img;
    }

    private static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** An 8x8 palette TIFF written by hand, pixel (x, y) = palette index x % 2, with a 16-bit ColorMap. */
    private static byte[] paletteTiff() {
        int entries = 10;
        int ifd = 8;
        int ifdSize = 2 + entries * 12 + 4;
        int pixels = ifd + ifdSize;
        int colorMap = pixels + 64;
        ByteBuffer b = ByteBuffer.allocate(colorMap + 3 * 256 * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort((short) entries);
        entry(b, 256, 3, 1, 8);          // ImageWidth
        entry(b, 257, 3, 1, 8);          // ImageLength
        entry(b, 258, 3, 1, 8);          // BitsPerSample
        entry(b, 259, 3, 1, 1);          // Compression: none
        entry(b, 262, 3, 1, 3);          // Photometric: palette
        entry(b, 273, 4, 1, pixels);     // StripOffsets
        entry(b, 277, 3, 1, 1);          // SamplesPerPixel
        entry(b, 278, 3, 1, 8);          // RowsPerStrip
        entry(b, 279, 4, 1, 64);         // StripByteCounts
        entry(b, 320, 3, 768, colorMap); // ColorMap
        b.putInt(0);
        for (int i = 0; i < 64; i++) {
            b.put((byte) (i % 2));
        }
        int[][] map = {{0, 0xFF00}, {0, 0x8000}, {0, 0x0100}};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 256; i++) {
                b.putShort((short) (i < 2 ? map[c][i] : 0));
            }
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
