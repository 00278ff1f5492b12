package org.tideline.server.hotline.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Benign generated images for the media tests, and hostile PNGs built byte by byte (PNG chunk layout: length,
 * type, data, CRC-32 of type and data; RFC 2083).
 */
final class TestMedia {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Signature (8) + IHDR chunk (4 + 4 + 13 + 4). */
    private static final int AFTER_IHDR = 33;

    private TestMedia() {}

    /** 32 random bytes as 64 hex digits: text that cannot occur anywhere by chance. */
    static byte[] randomMarker() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    /** A benign PNG carrying {@code marker} in a tEXt chunk, so its plaintext can be searched for anywhere. */
    static byte[] markedPng(byte[] marker) {
        byte[] png = png(checkerboardWithText(64, 48, "TL"));
        byte[] text = ByteBuffer.allocate(8 + marker.length).put("Comment\0".getBytes(StandardCharsets.ISO_8859_1))
                .put(marker).array();
        return insertAfterHeader(png, chunk("tEXt", text));
    }

    /** Black and white squares of {@code square} pixels with a line of black text on a white band. */
    static BufferedImage checkerboardWithText(int width, int height, String text) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int square = Math.max(2, width / 40);
        for (int y = 0; y < height; y += square) {
            for (int x = 0; x < width; x += square) {
                g.setColor(((x / square + y / square) & 1) == 0 ? Color.BLACK : Color.WHITE);
                g.fillRect(x, y, square, square);
            }
        }
        g.setColor(new Color(0xFFCC00));
        g.fillRect(0, height / 3, width, height / 3);
        g.setColor(new Color(0x0033AA));
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, height / 4)));
        g.drawString(text, width / 20, height / 3 + height / 4);
        g.dispose();
        return image;
    }

    /** A PNG whose header claims {@code width} x {@code height} pixels, with one tiny data chunk. */
    static byte[] pngClaiming(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        byte[] idat = {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        out.writeBytes(chunk("IHDR", ihdr));
        out.writeBytes(chunk("IDAT", idat));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static byte[] truncated(byte[] file, int keep) {
        return Arrays.copyOf(file, keep);
    }

    /** PNG in memory (no ImageIO cache file). */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] insertAfterHeader(byte[] png, byte[] chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, AFTER_IHDR);
        out.writeBytes(chunk);
        out.write(png, AFTER_IHDR, png.length - AFTER_IHDR);
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }
}
