package org.tideline.core.image;

import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;

/**
 * A TIFF palette as the reference sees it. TIFF stores palette entries as 16-bit values; the JDK's reader keeps
 * the high byte (floor(v / 257) in effect) while ImageMagick rounds (round(v / 257)), so about half the entries
 * would come out one level darker and a palette TIFF's hash ten bits away.
 */
final class TiffPalette {

    private TiffPalette() {
    }

    /** R, G and B arrays of rounded 8-bit entries, or null when the image has no readable ColorMap. */
    static byte[][] exact(ImageReader reader) {
        return read(reader).orElse(null);
    }

    private static Optional<byte[][]> read(ImageReader reader) {
        try {
            IIOMetadata metadata = reader.getImageMetadata(0);
            if (metadata == null) return Optional.empty();
            TIFFField map = TIFFDirectory.createFromMetadata(metadata).getTIFFField(BaselineTIFFTagSet.TAG_COLOR_MAP);
            if (map == null || map.getCount() % 3 != 0) return Optional.empty();
            int n = map.getCount() / 3;
            byte[][] rgb = new byte[3][n];
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    rgb[c][i] = (byte) RasterConversion.to8Bits(map.getAsInt(c * n + i), 16);
                }
            }
            return Optional.of(rgb);
        } catch (Exception e) {
            // Metadata is only a refinement: without it the reader's own palette is used.
            return Optional.empty();
        }
    }
}
