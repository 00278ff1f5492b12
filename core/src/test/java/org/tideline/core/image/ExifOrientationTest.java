package org.tideline.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.media.MediaHashes;
import org.tideline.core.pdq.Dihedral;
import org.tideline.core.pdq.PdqHash;
import org.tideline.core.pdq.PdqMode;

/**
 * {@link DecodeOptions#withExifOrientation}: off by default, as the references hash stored pixels; on, a JPEG is
 * turned upright by its EXIF orientation tag before hashing. Checked against
 * ../shared/testdata/pdq/expected/full-resolution.csv for images/reg-test-input/exif-rotn/exif-rotn-{1,3,6,8}.jpg,
 * and on one photo (images/reg-test-input/dih/bridge-1-original.jpg) stored in each of the eight orientations.
 *
 * <p>Note that the four exif-rotn photos are four different shots of one desk (two framed landscape, two
 * portrait), not one picture stored four ways: upright, they are still 110 to 138 bits apart, so they cannot
 * show that orientations converge; the eight stored copies of the bridge do.
 */
class ExifOrientationTest {

    static final Path TESTDATA = Path.of("../../shared/testdata/pdq").toAbsolutePath().normalize();
    /** Measured 0, 0, 2 and 2 bits: see {@link #upright_exif_rotn_photos_hash_as_the_references_dihedral_for_their_tag}. */
    static final int UPRIGHT_TOLERANCE = 2;
    /** Measured 0 to 2 bits between the eight stored copies, and 106 to 130 without the option. */
    static final int SAME_PHOTO_TOLERANCE = 4;
    static final int UNRELATED = 100;

    private final MediaHasher asStored = new MediaHasher(DecodeOptions.defaults(), PdqMode.FULL, true);
    private final MediaHasher upright = new MediaHasher(DecodeOptions.defaults().withExifOrientation(true),
            PdqMode.FULL, false);

    @ParameterizedTest(name = "exif-rotn-{0}.jpg")
    @ValueSource(ints = {1, 3, 6, 8})
    void by_default_exif_rotn_photos_hash_their_stored_pixels_as_in_the_reference(int orientation) throws Exception {
        byte[] jpeg = exifRotn(orientation);
        MediaHashes hashes = asStored.hash(jpeg);

        assertThat(ExifOrientation.read(jpeg)).isEqualTo(orientation);
        assertThat(hashes.pdq().hash()).isEqualTo(reference(orientation).getFirst());
        assertThat(hashes.pdq().dihedral()).isEqualTo(reference(orientation));
        assertThat(hashes.width()).as("stored landscape").isEqualTo(4032);
        assertThat(hashes.height()).isEqualTo(3024);
    }

    @ParameterizedTest(name = "exif-rotn-{0}.jpg")
    @ValueSource(ints = {1, 3, 6, 8})
    void upright_exif_rotn_photos_hash_as_the_references_dihedral_for_their_tag(int orientation) throws Exception {
        // Tag 3 is shown turned 180 degrees, 6 turned clockwise (PDQ's rotate 270), 8 anticlockwise (rotate 90).
        Dihedral display = switch (orientation) {
            case 3 -> Dihedral.ROTATE_180;
            case 6 -> Dihedral.ROTATE_270;
            case 8 -> Dihedral.ROTATE_90;
            default -> Dihedral.ORIGINAL;
        };
        MediaHashes hashes = upright.hash(exifRotn(orientation));

        assertThat(hashes.pdq().hash().distance(reference(orientation).get(display.ordinal())))
                .isLessThanOrEqualTo(UPRIGHT_TOLERANCE);
        boolean portrait = orientation == 6 || orientation == 8;
        assertThat(hashes.width()).isEqualTo(portrait ? 3024 : 4032);
    }

    @Test
    void one_photo_stored_in_each_of_the_eight_orientations_hashes_alike_once_upright() throws Exception {
        RasterImage photo = new ImageDecoder().decode(
                Files.readAllBytes(TESTDATA.resolve("images/reg-test-input/dih/bridge-1-original.jpg")));
        PdqHash uprightHash = null;
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] jpeg = jpegWithOrientation(stored(photo, orientation), orientation);
            MediaHashes shown = upright.hash(jpeg);
            if (orientation == 1) uprightHash = shown.pdq().hash();

            assertThat(ExifOrientation.read(jpeg)).isEqualTo(orientation);
            assertThat(shown.width()).isEqualTo(photo.width());
            assertThat(shown.pdq().hash().distance(uprightHash)).as("orientation %d, upright", orientation)
                    .isLessThanOrEqualTo(SAME_PHOTO_TOLERANCE);
            if (orientation > 1) {
                assertThat(asStored.hash(jpeg).pdq().hash().distance(uprightHash))
                        .as("orientation %d, as stored", orientation).isGreaterThan(UNRELATED);
            }
        }
    }

    /**
     * The pixels a camera stores for {@code upright} under EXIF {@code orientation}, from the tag's definition
     * (which visual side row 0 and column 0 of the stored image are): output (x, y) is upright pixel (ux, uy).
     */
    static RasterImage stored(RasterImage upright, int orientation) {
        int w = upright.width();
        int h = upright.height();
        int ch = upright.channels();
        boolean swaps = orientation >= 5;
        int sw = swaps ? h : w;
        int sh = swaps ? w : h;
        byte[] out = new byte[upright.samples().length];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int ux;
                int uy;
                switch (orientation) {
                    case 1 -> { ux = x; uy = y; }                 // row 0 top, column 0 left
                    case 2 -> { ux = w - 1 - x; uy = y; }         // row 0 top, column 0 right
                    case 3 -> { ux = w - 1 - x; uy = h - 1 - y; } // row 0 bottom, column 0 right
                    case 4 -> { ux = x; uy = h - 1 - y; }         // row 0 bottom, column 0 left
                    case 5 -> { ux = y; uy = x; }                 // row 0 left, column 0 top
                    case 6 -> { ux = w - 1 - y; uy = x; }         // row 0 right, column 0 top
                    case 7 -> { ux = w - 1 - y; uy = h - 1 - x; } // row 0 right, column 0 bottom
                    default -> { ux = y; uy = h - 1 - x; }        // row 0 left, column 0 bottom
                }
                System.arraycopy(upright.samples(), (uy * w + ux) * ch, out, (y * sw + x) * ch, ch);
            }
        }
        return new RasterImage(sw, sh, ch, out);
    }

    /** A quality-95 JPEG of {@code raster} with an EXIF APP1 block holding only the orientation tag. */
    static byte[] jpegWithOrientation(RasterImage raster, int orientation) throws IOException {
        BufferedImage image = new BufferedImage(raster.width(), raster.height(), BufferedImage.TYPE_3BYTE_BGR);
        int[] rgb = new int[raster.samples().length];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = raster.samples()[i] & 0xff;
        }
        image.getRaster().setPixels(0, 0, raster.width(), raster.height(), rgb);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(encoded)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = encoded.toByteArray();
        // Big-endian TIFF header, one IFD entry: tag 0x0112 (orientation), type SHORT, count 1, the value.
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0};
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream file = new ByteArrayOutputStream(jpeg.length + length + 2);
        file.write(jpeg, 0, 2);
        file.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        file.write("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        file.write(tiff);
        file.write(jpeg, 2, jpeg.length - 2);
        return file.toByteArray();
    }

    private static byte[] exifRotn(int orientation) throws IOException {
        return Files.readAllBytes(TESTDATA.resolve(
                "images/reg-test-input/exif-rotn/exif-rotn-" + orientation + ".jpg"));
    }

    private static final Map<Integer, List<PdqHash>> REFERENCE = new HashMap<>();

    /** The dihedral column of full-resolution.csv for exif-rotn-N.jpg (its first entry is the hash itself). */
    private static synchronized List<PdqHash> reference(int orientation) throws IOException {
        if (REFERENCE.isEmpty()) {
            for (String line : Files.readAllLines(TESTDATA.resolve("expected/full-resolution.csv"))) {
                String[] f = line.split(",", -1);
                if (f[0].startsWith("images/reg-test-input/exif-rotn/exif-rotn-")) {
                    int n = Character.getNumericValue(f[0].charAt(f[0].length() - 5));
                    REFERENCE.put(n, java.util.Arrays.stream(f[4].split(" ")).map(PdqHash::fromHex).toList());
                }
            }
        }
        return REFERENCE.get(orientation);
    }
}
