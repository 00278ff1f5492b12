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
 * greyscale kept as one channel; palettes expanded; alpha dropped (the straight RGB underneath); samples of other
 * depths scaled to 8 bits (16-bit as ImageMagick's {@code ScaleQuantumToChar}, i.e. round(v / 257)); CMYK
 * converted naively (R = (255 - C)(255 - K) / 255).
 */
final class RasterConversion {

    private RasterConversion() {
    }

    static RasterImage toRaster(BufferedImage img) throws ImageRejectedException {
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
            return fromPalette(img.getRaster(), icm, w, h);
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

    private static RasterImage fromPalette(Raster raster, IndexColorModel icm, int w, int h) {
        int size = icm.getMapSize();
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        icm.getReds(r);
        icm.getGreens(g);
        icm.getBlues(b);
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
        byte[] out = new byte[w * h * channels];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    out[(y * w + x) * channels + c] = (byte) to8Bits(row[x * bands + c], bits[c]);
                }
            }
        }
        return new RasterImage(w, h, channels, out);
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

    private static int cmykChannel(int ink, int black) {
        return ((255 - ink) * (255 - black) + 127) / 255;
    }

    /** Scales a sample of {@code bits} bits to 8 bits. */
    static int to8Bits(int v, int bits) {
        if (bits == 8) return v & 0xff;
        if (bits == 16) {
            int q = (v & 0xffff) + 128;
            return (q - (q >> 8)) >> 8;
        }
        if (bits < 8) {
            int max = (1 << bits) - 1;
            return (v * 255 + max / 2) / max;
        }
        long max = (1L << bits) - 1;
        return (int) ((v * 255L + max / 2) / max);
    }
}
