package org.tideline.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.tideline.core.image.ImageRejectedException.Kind;

/**
 * A corpus of hostile and broken image files, generated on the fly so that no binary is ever committed: each
 * {@link Case} is the bytes of one file, the limits it is hashed under, and the {@link Kind} it must be refused
 * with. The whole corpus is generated in well under a second and fits in a few megabytes; the decompression bombs
 * are built without ever holding their pixels (a zlib stream of zero rows, streamed).
 *
 * <p>Public so that the CLI tests (through core's test-jar) run {@code tideline hash} over the same files.
 */
public final class HostileFiles {

    /** Sides of the small valid images the broken ones are cut from. */
    private static final int SAMPLE_SIDE = 256;
    /** Sides of the image whose decode is abandoned at a 1 ms limit: ~40 ms to decode, 80 MB of budget. */
    private static final int SLOW_SIDE = 2000;
    /** Fits the pixel limit exactly, but needs ~2 GB of decode budget: only a small heap refuses it. */
    private static final int BUDGET_BOMB_SIDE = 10_000;

    private static final int PNG_GREY = 0;
    private static final int PNG_RGB = 2;

    private HostileFiles() {
    }

    /**
     * One hostile file.
     *
     * @param name           file name; its extension is what the file pretends to be
     * @param bytes          the file's content
     * @param expected       how it must be refused
     * @param messageMentions words the refusal's message must contain (case-insensitive), so that a person
     *                       reading it knows what was wrong
     * @param limits         the limits it is hashed under (defaults unless the case is about a limit)
     */
    public record Case(String name, byte[] bytes, Kind expected, List<String> messageMentions, ImageLimits limits) {

        public boolean usesDefaultLimits() {
            return limits.equals(ImageLimits.defaults());
        }

        public boolean isJpeg() {
            return name.endsWith(".jpg");
        }

        /** Writes the file into {@code dir} and returns its path. */
        public Path writeTo(Path dir) {
            try {
                return Files.write(dir.resolve(name), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Every case that any heap refuses, in a fixed order. Deterministic: the same bytes on every run.
     */
    public static List<Case> corpus() {
        ImageLimits defaults = ImageLimits.defaults();
        byte[] jpeg = sampleJpeg();
        byte[] png = samplePng();
        return List.of(
                new Case("bomb-100000x100000.png", pngBomb(100_000, 100_000), Kind.TOO_LARGE,
                        List.of("100000x100000", "limit"), defaults),
                new Case("bomb-65535x65535.gif", gifBomb(), Kind.TOO_LARGE,
                        List.of("65535x65535", "limit"), defaults),
                new Case("zeros-20000x20000.png", zeroPng(20_000, 20_000, 1), Kind.TOO_LARGE,
                        List.of("20000x20000", "limit"), defaults),
                new Case("sof-claims-65000x65000.jpg", withSofSize(jpeg, 65_000, 65_000), Kind.TOO_LARGE,
                        List.of("65000x65000", "limit"), defaults),
                new Case("rle8-bomb-30000x30000.bmp", bmpRle8Bomb(30_000, 30_000), Kind.TOO_LARGE,
                        List.of("30000x30000", "limit"), defaults),
                new Case("absurd-1000000x1000000-24bit.bmp", bmp24HeaderOnly(1_000_000, 1_000_000), Kind.CORRUPT,
                        List.of("width/height"), defaults),
                new Case("absurd-1000000x1000000.tif", tiffHeaderOnly(1_000_000, 1_000_000), Kind.TOO_LARGE,
                        List.of("1000000x1000000", "limit"), defaults),
                new Case("over-byte-limit.png", png, Kind.TOO_LARGE,
                        List.of("1000", "limit"), defaults.withMaxBytes(1000)),
                new Case("truncated-half.jpg", half(jpeg), Kind.CORRUPT,
                        List.of("corrupt"), defaults),
                new Case("sof-claims-more-rows-than-data.jpg", withSofSize(jpeg, SAMPLE_SIDE, 4 * SAMPLE_SIDE),
                        Kind.CORRUPT, List.of("corrupt"), defaults),
                new Case("truncated-half.png", half(png), Kind.CORRUPT,
                        List.of("PNG", "end of ZLIB input"), defaults),
                new Case("garbage-idat.png", withGarbageIdat(png), Kind.CORRUPT,
                        List.of("PNG", "invalid"), defaults),
                new Case("truncated-half.gif", half(encode(indexed(sampleImage()), "gif")), Kind.CORRUPT,
                        List.of("GIF", "LZW"), defaults),
                new Case("truncated-half.bmp", half(encode(sampleImage(), "bmp")), Kind.CORRUPT,
                        List.of("BMP", "end of file"), defaults),
                new Case("truncated-half.tif", half(encode(sampleImage(), "tiff")), Kind.CORRUPT,
                        List.of("TIFF", "end of file"), defaults),
                new Case("empty.jpg", new byte[0], Kind.CORRUPT,
                        List.of("empty"), defaults),
                new Case("text-named.jpg", "This is a shopping list, not a photo.\n".getBytes(StandardCharsets.UTF_8),
                        Kind.UNSUPPORTED_FORMAT, List.of("unrecognised"), defaults),
                new Case("tiny-4x4.png", png(4, 4, PNG_RGB, gradientRows(4, 4, 3)), Kind.TOO_SMALL,
                        List.of("4x4", "at least 5"), defaults),
                // PNG, not JPEG: the JDK's PNG reader polls abort() per row, while libjpeg-turbo, the default
                // JPEG decoder, runs natively and cannot be interrupted (its time is bounded by the pixel limit).
                new Case("slow-2000x2000.png", zeroPng(SLOW_SIDE, SLOW_SIDE, 3), Kind.TOO_SLOW,
                        List.of("1 ms"), defaults.withTimeout(Duration.ofMillis(1))));
    }

    /**
     * A PNG whose header is within every limit (exactly 100 megapixels) but whose decode needs about 2 GB of
     * budget: a heap of a few hundred MB must refuse it from the header as TOO_LARGE, without decoding; a large
     * heap would decode it (seconds, gigabytes), so only the small-heap child process hashes it.
     */
    public static Case budgetBomb() {
        return new Case("budget-10000x10000.png", zeroPng(BUDGET_BOMB_SIDE, BUDGET_BOMB_SIDE, 1), Kind.TOO_LARGE,
                List.of("MiB"), ImageLimits.defaults());
    }

    // ---- PNG ---------------------------------------------------------------------------------------------------

    /**
     * A greyscale or RGB PNG of {@code width x height} black pixels. The zlib stream is made by deflating zero
     * rows as they are produced, so a 400-megapixel bomb costs one row of memory and compresses about 1000:1.
     */
    static byte[] zeroPng(int width, int height, int channels) {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib, deflater, 1 << 16)) {
            // Each row is a filter byte (0 = none) and zero samples: the whole stream is zeros.
            byte[] zeros = new byte[1 << 20];
            long remaining = (long) height * (1L + (long) width * channels);
            while (remaining > 0) {
                int n = (int) Math.min(zeros.length, remaining);
                out.write(zeros, 0, n);
                remaining -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return pngFile(width, height, channels == 1 ? PNG_GREY : PNG_RGB, zlib.toByteArray());
    }

    /**
     * A PNG of about 100 bytes whose header claims {@code width x height} grey pixels, followed by the zlib stream
     * of a single kilobyte of zeros: the classic decompression bomb, refused from its header.
     */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
            out.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pngFile(width, height, PNG_GREY, zlib.toByteArray());
    }

    /** A PNG of the given filtered rows (each starting with its filter byte). */
    static byte[] png(int width, int height, int colourType, byte[] filteredRows) {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
            out.write(filteredRows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pngFile(width, height, colourType, zlib.toByteArray());
    }

    private static byte[] pngFile(int width, int height, int colourType, byte[] zlib) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream file = new ByteArrayOutputStream(zlib.length + 64);
        file.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        file.writeBytes(chunk("IHDR", ihdr.array()));
        file.writeBytes(chunk("IDAT", zlib));
        file.writeBytes(chunk("IEND", new byte[0]));
        return file.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    /** Smooth RGB rows (filter byte 0 first): enough texture that the image would hash with a high quality. */
    private static byte[] gradientRows(int width, int height, int channels) {
        byte[] rows = new byte[height * (1 + width * channels)];
        int i = 0;
        for (int y = 0; y < height; y++) {
            rows[i++] = 0;
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    double v = 127.5 + 127.5 * Math.sin((x * (c + 1) + y * (3 - c)) * 0.013);
                    rows[i++] = (byte) v;
                }
            }
        }
        return rows;
    }

    /** A valid 256x256 RGB PNG, written by ImageIO, that the broken PNGs are made from. */
    static byte[] samplePng() {
        return encode(sampleImage(), "png");
    }

    private static int idatOffset(byte[] png) {
        int at = 8;
        while (at + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, at, 4).getInt();
            if (png[at + 4] == 'I' && png[at + 5] == 'D' && png[at + 6] == 'A' && png[at + 7] == 'T') {
                return at;
            }
            at += 12 + length;
        }
        throw new IllegalStateException("no IDAT chunk");
    }

    /** The same PNG with one bit of the first IDAT chunk's CRC flipped: the pixels themselves are intact. */
    static byte[] withBadIdatCrc(byte[] png) {
        byte[] copy = png.clone();
        int at = idatOffset(copy);
        int length = ByteBuffer.wrap(copy, at, 4).getInt();
        copy[at + 8 + length] ^= 1;
        return copy;
    }

    /** The same PNG with the first IDAT's data replaced by random bytes (CRC recomputed, so only zlib fails). */
    private static byte[] withGarbageIdat(byte[] png) {
        byte[] copy = png.clone();
        int at = idatOffset(copy);
        int length = ByteBuffer.wrap(copy, at, 4).getInt();
        byte[] garbage = new byte[length];
        new Random(7).nextBytes(garbage);
        // 0x78 0x9C is a valid zlib header, so the failure is in the deflate data rather than the header.
        garbage[0] = 0x78;
        garbage[1] = (byte) 0x9C;
        System.arraycopy(garbage, 0, copy, at + 8, length);
        CRC32 crc = new CRC32();
        crc.update(copy, at + 4, 4 + length);
        ByteBuffer.wrap(copy, at + 8 + length, 4).putInt((int) crc.getValue());
        return copy;
    }

    // ---- JPEG --------------------------------------------------------------------------------------------------

    /** A valid baseline 256x256 JPEG of a smooth synthetic image, written by ImageIO. */
    static byte[] sampleJpeg() {
        return encode(sampleImage(), "jpeg");
    }

    /** The JPEG with its frame header (SOF0) claiming {@code width x height}; the scan data is unchanged. */
    static byte[] withSofSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        int at = 2;
        while (at + 4 <= copy.length) {
            int marker = copy[at + 1] & 0xff;
            int length = (copy[at + 2] & 0xff) << 8 | (copy[at + 3] & 0xff);
            if (marker == 0xC0) {
                // SOF0: length (2), precision (1), height (2), width (2), ...
                copy[at + 5] = (byte) (height >> 8);
                copy[at + 6] = (byte) height;
                copy[at + 7] = (byte) (width >> 8);
                copy[at + 8] = (byte) width;
                return copy;
            }
            at += 2 + length;
        }
        throw new IllegalStateException("no SOF0 marker");
    }

    private static BufferedImage sampleImage() {
        BufferedImage image = new BufferedImage(SAMPLE_SIDE, SAMPLE_SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SAMPLE_SIDE; y++) {
            for (int x = 0; x < SAMPLE_SIDE; x++) {
                int r = (int) (127.5 + 127.5 * Math.sin(x * 0.05 + y * 0.02));
                int g = (int) (127.5 + 127.5 * Math.cos(x * 0.03 - y * 0.04));
                int b = (x ^ y) & 0xff;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** The first half of a file, as a cut-off download leaves it. */
    private static byte[] half(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }

    /** The image reduced to a 256-colour palette, as GIF needs. */
    private static BufferedImage indexed(BufferedImage rgb) {
        BufferedImage indexed = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
        indexed.getGraphics().drawImage(rgb, 0, 0, null);
        return indexed;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- GIF, BMP, TIFF ----------------------------------------------------------------------------------------

    /**
     * A 51-byte GIF whose logical screen and only image are 65535x65535 (4.3 gigapixels), with a few bytes of LZW
     * data: a decoder that trusted it would allocate the whole canvas before noticing the data ran out.
     */
    static byte[] gifBomb() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 0xFFFF).putShort((short) 0xFFFF); // logical screen
        b.put((byte) 0x80).put((byte) 0).put((byte) 0);     // global colour table of 2 entries
        b.put(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        b.put((byte) ',').putShort((short) 0).putShort((short) 0);
        b.putShort((short) 0xFFFF).putShort((short) 0xFFFF); // image descriptor
        b.put((byte) 0);                                       // no local table, not interlaced
        b.put((byte) 2);                                       // LZW minimum code size
        b.put((byte) 2).put((byte) 0x44).put((byte) 0x01);      // clear, 0, end-of-information
        b.put((byte) 0).put((byte) ';');
        return Arrays.copyOf(b.array(), b.position());
    }

    /**
     * A 54-byte uncompressed 24-bit BMP claiming {@code width x height}, with no pixel data: the JDK's reader
     * compares the claimed data size with the file and refuses the header as inconsistent.
     */
    static byte[] bmp24HeaderOnly(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        bmpHeaders(b, 54, 54, width, height, 24, 0, 0);
        return b.array();
    }

    /**
     * A 64-byte run-length-encoded (RLE8) BMP claiming {@code width x height}, whose data is the single
     * end-of-bitmap code: compressed data says nothing about the size, so only the pixel limit refuses it.
     */
    static byte[] bmpRle8Bomb(int width, int height) {
        final int paletteEntries = 2;
        final int dataOffset = 54 + 4 * paletteEntries;
        ByteBuffer b = ByteBuffer.allocate(dataOffset + 2).order(ByteOrder.LITTLE_ENDIAN);
        bmpHeaders(b, dataOffset + 2, dataOffset, width, height, 8, 1, paletteEntries);
        b.putInt(0x000000).putInt(0xFFFFFF);  // palette: black, white
        b.put((byte) 0).put((byte) 1);        // RLE8 end of bitmap
        return b.array();
    }

    private static void bmpHeaders(ByteBuffer b, int fileSize, int dataOffset, int width, int height, int bits,
                                   int compression, int paletteEntries) {
        b.put((byte) 'B').put((byte) 'M').putInt(fileSize).putInt(0).putInt(dataOffset);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) bits);
        b.putInt(compression).putInt(fileSize - dataOffset).putInt(2835).putInt(2835)
                .putInt(paletteEntries).putInt(0);
    }

    /**
     * A little-endian baseline TIFF whose only IFD claims {@code width x height} 8-bit grey, uncompressed, one
     * strip of 8 bytes.
     */
    static byte[] tiffHeaderOnly(int width, int height) {
        final short tagCount = 9;
        final int ifd = 8;
        final int data = ifd + 2 + tagCount * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(data + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort(tagCount);
        tiffEntry(b, 256, 4, width);    // ImageWidth (LONG)
        tiffEntry(b, 257, 4, height);   // ImageLength (LONG)
        tiffEntry(b, 258, 3, 8);        // BitsPerSample
        tiffEntry(b, 259, 3, 1);        // Compression: none
        tiffEntry(b, 262, 3, 1);        // PhotometricInterpretation: black is zero
        tiffEntry(b, 273, 4, data);     // StripOffsets
        tiffEntry(b, 277, 3, 1);        // SamplesPerPixel
        tiffEntry(b, 278, 4, height);   // RowsPerStrip
        tiffEntry(b, 279, 4, 8);        // StripByteCounts
        b.putInt(0);                    // no next IFD
        return b.array();
    }

    private static void tiffEntry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
