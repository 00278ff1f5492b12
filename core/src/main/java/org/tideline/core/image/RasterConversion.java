package org.tideline.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded {@link BufferedImage} into the 8-bit samples PDQ hashes, by the reference's pixel rules: no
 * colour management and no gamma (raster values are read as stored, never through {@code getRGB}, which would
 * push greyscale and ICC-tagged images through the JDK's colour conversion: 14 bits off on Meta's test images);
 * greyscale kept as one channel; palettes expanded; alpha dropped (the straight RGB underneath, un-premultiplied
 * where the file stores premultiplied colour); samples of other depths scaled to 8 bits (16-bit as round(v / 257),
 * fewer than 8 bits by bit replication, both as ImageMagick); CMYK converted naively (R = (255 - C)(255 - K) / 255).
 */
final class RasterConversion {

    private RasterConversion() {
    }

    static RasterImage toRaster(BufferedImage img) throws ImageRejectedException {
        return toRaster(img, null);
    }

    /**
     * @param exactPalette when not null, the palette to use instead of the colour model's: R, G and B arrays of
     *                     8-bit values (TIFF stores 16-bit palettes, which the JDK truncates and ImageMagick rounds)
     */
    static RasterImage toRaster(BufferedImage img, byte[][] exactPalette) throws ImageRejectedException {
        int w = img.getWidth();
        int h = img.getHeight();
        switch (img.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR:
                return fromBgr(img, w, h);
            case BufferedImage.TYPE_BYTE_GRAY:
                return fromByteGrey(img, w, h);
            default:
                break;
        }
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(img.getRaster(), icm, exactPalette, w, h);
        }
        int colours = cm.getNumColorComponents();
        int type = cm.getColorSpace().getType();
        if (colours == 1) {
            return fromComponents(img.getRaster(), cm, w, h, 1);
        }
        if (colours == 3 && type != ColorSpace.TYPE_CMYK) {
            return fromComponents(img.getRaster(), cm, w, h, 3);
        }
        if (colours == 4 && type == ColorSpace.TYPE_CMYK) {
            return fromCmyk(img.getRaster(), cm, w, h, false);
        }
        throw new ImageRejectedException(ImageRejectedException.Kind.UNSUPPORTED_FORMAT,
                "unsupported colour model with " + colours + " colour components");
    }

    private static RasterImage fromBgr(BufferedImage img, int w, int h) {
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        return new RasterImage(w, h, 3, rgb);
    }

    private static RasterImage fromByteGrey(BufferedImage img, int w, int h) {
        byte[] grey = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] copy = grey.length == w * h ? grey : java.util.Arrays.copyOf(grey, w * h);
        return new RasterImage(w, h, 1, copy);
    }

    private static RasterImage fromPalette(Raster raster, IndexColorModel icm, byte[][] exact, int w, int h) {
        int size = icm.getMapSize();
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        icm.getReds(r);
        icm.getGreens(g);
        icm.getBlues(b);
        if (exact != null && exact[0].length == size) {
            r = exact[0];
            g = exact[1];
            b = exact[2];
        }
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                int index = Math.min(row[x], size - 1);
                out[o] = r[index];
                out[o + 1] = g[index];
                out[o + 2] = b[index];
            }
        }
        return new RasterImage(w, h, 3, out);
    }

    private static RasterImage fromComponents(Raster raster, ColorModel cm, int w, int h, int channels) {
        int bands = raster.getNumBands();
        int[] bits = new int[channels];
        for (int c = 0; c < channels; c++) {
            bits[c] = cm.getComponentSize(c);
        }
        boolean premultiplied = cm.hasAlpha() && cm.isAlphaPremultiplied() && bands > channels;
        int alphaBits = cm.hasAlpha() ? cm.getComponentSize(channels) : 8;
        byte[] out = new byte[w * h * channels];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int alpha = premultiplied ? to8Bits(row[x * bands + channels], alphaBits) : 0;
                for (int c = 0; c < channels; c++) {
                    int v = to8Bits(row[x * bands + c], bits[c]);
                    out[(y * w + x) * channels + c] = (byte) (premultiplied ? unpremultiply(v, alpha) : v);
                }
            }
        }
        return new RasterImage(w, h, channels, out);
    }

    /**
     * Straight colour from premultiplied (TIFF "associated alpha"), as ImageMagick computes it in 16-bit
     * quantum: p * 257 / (a * 257 / 65535), rounded, then scaled to 8 bits. Fully transparent stays as stored.
     */
    static int unpremultiply(int value, int alpha) {
        if (alpha == 0) return value;
        double q = value * 257 * (1.0 / ((alpha * 257) / 65535.0));
        return to8Bits((int) Math.min(65535, q + 0.5), 16);
    }

    /** Naive CMYK (or Adobe-inverted CMYK) to RGB, with no colour profile. */
    static RasterImage fromCmyk(Raster raster, ColorModel cm, int w, int h, boolean inverted) {
        int bands = raster.getNumBands();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w * bands];
        int bits = cm == null ? 8 : cm.getComponentSize(0);
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int c = to8Bits(row[x * bands], bits);
                int m = to8Bits(row[x * bands + 1], bits);
                int ye = to8Bits(row[x * bands + 2], bits);
                int k = to8Bits(row[x * bands + 3], bits);
                if (inverted) {
                    c = 255 - c;
                    m = 255 - m;
                    ye = 255 - ye;
                    k = 255 - k;
                }
                int o = (y * w + x) * 3;
                out[o] = (byte) cmykChannel(c, k);
                out[o + 1] = (byte) cmykChannel(m, k);
                out[o + 2] = (byte) cmykChannel(ye, k);
            }
        }
        return new RasterImage(w, h, 3, out);
    }

    /**
     * The reference's decoder (ImageMagick, writing PGM for CImg) hashes an image whose every pixel has R = G = B
     * as greyscale, and 0.299f g + 0.587f g + 0.114f g is not exactly g in float for 35 of the 256 grey levels;
     * so such an image becomes one channel here too. Scanning stops at the first coloured pixel.
     */
    static RasterImage greyIfNeutral(RasterImage image) {
        if (image.channels() != 3) return image;
        byte[] s = image.samples();
        for (int i = 0; i < s.length; i += 3) {
            if (s[i] != s[i + 1] || s[i] != s[i + 2]) return image;
        }
        byte[] grey = new byte[s.length / 3];
        for (int p = 0, i = 0; p < grey.length; p++, i += 3) {
            grey[p] = s[i];
        }
        return new RasterImage(image.width(), image.height(), 1, grey);
    }

    private static int cmykChannel(int ink, int black) {
        return ((255 - ink) * (255 - black) + 127) / 255;
    }

    /**
     * Widens a sample of fewer than 8 bits by repeating its bit pattern (5-bit 7 -> 00111 001 = 57), as ImageMagick
     * does for 16-bit BMP fields; for 1, 2 and 4 bits this equals v * 255 / max exactly.
     */
    static int replicateBits(int v, int bits) {
        int result = 0;
        for (int shift = 8 - bits; shift > -bits; shift -= bits) {
            result |= shift >= 0 ? v << shift : v >> -shift;
        }
        return result & 0xff;
    }

    /** Scales a sample of {@code bits} bits to 8 bits. */
    static int to8Bits(int v, int bits) {
        if (bits == 8) return v & 0xff;
        if (bits == 16) {
            int q = (v & 0xffff) + 128;
            return (q - (q >> 8)) >> 8;
        }
        if (bits < 8) {
            return replicateBits(v & ((1 << bits) - 1), bits);
        }
        long max = (1L << bits) - 1;
        return (int) ((v * 255L + max / 2) / max);
    }
}
