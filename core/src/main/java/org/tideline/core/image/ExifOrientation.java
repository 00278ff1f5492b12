package org.tideline.core.image;

/**
 * The EXIF orientation tag (0x0112) of a JPEG, and the pixel transform that shows the image upright.
 *
 * <p>PDQ references hash the stored pixels and ignore this tag, so applying it is an option, off by default. Only
 * JPEG APP1 EXIF is read; other formats report orientation 1. A malformed EXIF block is ignored (orientation 1):
 * metadata never makes a file fail.
 */
final class ExifOrientation {

    static final int NORMAL = 1;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int MARKER_SOS = 0xDA;
    private static final int MARKER_APP1 = 0xE1;

    private ExifOrientation() {
    }

    /** Orientation 1..8 from a JPEG's EXIF block, 1 when absent or unreadable. */
    static int read(byte[] jpeg) {
        try {
            int i = 2;
            while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
                int marker = jpeg[i + 1] & 0xff;
                if (marker == MARKER_SOS) break;
                int length = u16(jpeg, i + 2, false);
                if (marker == MARKER_APP1 && length >= 8 && i + 10 <= jpeg.length
                        && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x' && jpeg[i + 6] == 'i' && jpeg[i + 7] == 'f') {
                    return fromTiff(jpeg, i + 10, Math.min(jpeg.length, i + 2 + length));
                }
                i += 2 + length;
            }
        } catch (IndexOutOfBoundsException e) {
            return NORMAL;
        }
        return NORMAL;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I';
        int ifd = tiff + (int) u32(b, tiff + 4, little);
        int entries = u16(b, ifd, little);
        for (int e = 0; e < entries; e++) {
            int entry = ifd + 2 + e * 12;
            if (entry + 12 > end) break;
            if (u16(b, entry, little) == TAG_ORIENTATION) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return little ? x | y << 8 : x << 8 | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, little ? at + 2 : at, little);
        long lo = u16(b, little ? at : at + 2, little);
        return hi << 16 | lo;
    }

    /** The raster as displayed under {@code orientation} (EXIF 1..8). */
    static RasterImage apply(RasterImage in, int orientation) {
        if (orientation == NORMAL) return in;
        int w = in.width();
        int h = in.height();
        int ch = in.channels();
        boolean swaps = orientation >= 5;
        int ow = swaps ? h : w;
        int oh = swaps ? w : h;
        byte[] src = in.samples();
        byte[] out = new byte[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                System.arraycopy(src, (sy * w + sx) * ch, out, (y * ow + x) * ch, ch);
            }
        }
        return new RasterImage(ow, oh, ch, out);
    }
}
