package org.tideline.core.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * WebP test files: the five lossy ones of ../shared/testdata/pdq (misc-images/modes), byte-level variations of
 * them built here (animations, lying headers, truncations; Java cannot encode WebP), files encoded at test time
 * with libwebp's own tools when they are installed, and those tools' decodes as the expected pixels.
 */
final class WebpSamples {

    static final Path MODES = Path.of("../../shared/testdata/pdq/images/misc-images/modes").toAbsolutePath()
            .normalize();
    static final List<String> SHARED = List.of("F.webp", "HSV.webp", "I.webp", "LAB.webp", "PA.webp");
    /** ImageMagick 6 as Debian installs it (the reference's decoder), called by path, not whatever PATH finds. */
    static final Path IMAGEMAGICK = Path.of("/usr/bin/convert");

    private static final int RIFF_HEADER_BYTES = 12;
    private static final int VP8_SIZE_OFFSET = 26;

    private WebpSamples() {
    }

    static byte[] shared(String name) {
        try {
            return Files.readAllBytes(MODES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One frame of a built animation: a simple (RIFF + one VP8 chunk) WebP file placed at (left, top). */
    record Frame(byte[] still, int left, int top, int width, int height) {
    }

    /** An animated WebP (VP8X with the animation flag, ANIM, one ANMF per frame) of the given canvas size. */
    static byte[] animation(int canvasWidth, int canvasHeight, Frame... frames) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        ByteBuffer vp8x = le(10).put((byte) 0x02).put(new byte[3]);
        chunk(chunks, "VP8X", u24(u24(vp8x, canvasWidth - 1), canvasHeight - 1).array());
        chunk(chunks, "ANIM", new byte[6]);
        for (Frame f : frames) {
            byte[] bitstream = Arrays.copyOfRange(f.still(), RIFF_HEADER_BYTES, f.still().length);
            ByteBuffer anmf = le(16 + bitstream.length);
            u24(u24(u24(u24(u24(anmf, f.left() / 2), f.top() / 2), f.width() - 1), f.height() - 1), 100);
            chunk(chunks, "ANMF", anmf.put((byte) 0).put(bitstream).array());
        }
        return riff(chunks.toByteArray());
    }

    /** The file with the width and height in its VP8 frame header replaced (14 bits each, no scaling). */
    static byte[] withVp8Size(byte[] simpleLossy, int width, int height) {
        byte[] copy = simpleLossy.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN)
                .putShort(VP8_SIZE_OFFSET, (short) width).putShort(VP8_SIZE_OFFSET + 2, (short) height);
        return copy;
    }

    /** The first {@code length} bytes, headers left as they were: a cut-off download. */
    static byte[] cut(byte[] file, int length) {
        return Arrays.copyOf(file, length);
    }

    /** The first {@code length} bytes with the RIFF and chunk sizes rewritten to match: only the data is short. */
    static byte[] cutConsistently(byte[] simple, int length) {
        byte[] copy = Arrays.copyOf(simple, length);
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, length - 8);
        b.putInt(RIFF_HEADER_BYTES + 4, length - RIFF_HEADER_BYTES - 8);
        return copy;
    }

    /** A valid RIFF/WEBP header followed by random bytes. */
    static byte[] garbageAfterHeader(int garbageBytes, long seed) {
        byte[] garbage = new byte[garbageBytes];
        new Random(seed).nextBytes(garbage);
        return riff(garbage);
    }

    private static byte[] riff(byte[] chunks) {
        ByteBuffer b = le(RIFF_HEADER_BYTES + chunks.length);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.length);
        return b.put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(chunks).array();
    }

    private static void chunk(ByteArrayOutputStream out, String fourcc, byte[] payload) {
        ByteBuffer header = le(8).put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length);
        out.writeBytes(header.array());
        out.writeBytes(payload);
        if (payload.length % 2 == 1) out.write(0);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer u24(ByteBuffer b, int v) {
        return b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }

    /** The image as a frame at (left, top) of a black canvas: what ImageMagick reads an animation's frame as. */
    static RasterImage onBlackCanvas(RasterImage frame, int canvasWidth, int canvasHeight, int left, int top) {
        byte[] canvas = new byte[canvasWidth * canvasHeight * 3];
        for (int y = 0; y < frame.height(); y++) {
            System.arraycopy(frame.samples(), y * frame.width() * 3, canvas,
                    ((top + y) * canvasWidth + left) * 3, frame.width() * 3);
        }
        return new RasterImage(canvasWidth, canvasHeight, 3, canvas);
    }

    /** A PNG with colour gradients, noise, and an alpha channel running from transparent to opaque. */
    static Path writeRgbaPng(Path file, int width, int height, long seed) throws IOException {
        ImageIO.write(rgbaImage(width, height, seed), "png", file.toFile());
        return file;
    }

    static BufferedImage rgbaImage(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int alpha = x < width / 4 ? 0 : Math.min(255, 255 * y / (height - 1) + 40);
                int r = 255 * x / (width - 1);
                int g = 255 * y / (height - 1);
                int b = (x * 7 + y * 13 + random.nextInt(40)) & 0xff;
                image.setRGB(x, y, alpha << 24 | r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** The straight RGB of an ARGB image, alpha dropped. */
    static byte[] rgbWithoutAlpha(BufferedImage argb) {
        byte[] rgb = new byte[argb.getWidth() * argb.getHeight() * 3];
        int i = 0;
        for (int y = 0; y < argb.getHeight(); y++) {
            for (int x = 0; x < argb.getWidth(); x++) {
                int p = argb.getRGB(x, y);
                rgb[i++] = (byte) (p >> 16);
                rgb[i++] = (byte) (p >> 8);
                rgb[i++] = (byte) p;
            }
        }
        return rgb;
    }

    /** Skips the test unless libwebp's command-line tool {@code name} (Debian package {@code webp}) is installed. */
    static Path webpTool(String name) {
        Path tool = Path.of("/usr/bin", name);
        assumeTrue(Files.isExecutable(tool), name + " (Debian package webp) not installed");
        return tool;
    }

    static void run(Object... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (Object a : command) args.add(a.toString());
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(args + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
    }

    /** {@code dwebp -ppm}'s decode of a still WebP: libwebp's RGB with default options, alpha dropped. */
    static RasterImage dwebp(Path webp, Path work) throws IOException, InterruptedException {
        Path ppm = work.resolve(webp.getFileName() + ".ppm");
        run(webpTool("dwebp"), "-quiet", "-ppm", webp, "-o", ppm);
        return readPpm(Files.readAllBytes(ppm));
    }

    /** ImageMagick's first frame as 8-bit RGB ({@code convert f.webp[0] -depth 8 rgb:-}); skips without it. */
    static byte[] imageMagickRgb(Path webp, Path work) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(IMAGEMAGICK), "ImageMagick (" + IMAGEMAGICK + ") not installed");
        Path rgb = work.resolve(webp.getFileName() + ".rgb");
        run(IMAGEMAGICK, webp + "[0]", "-depth", "8", "rgb:" + rgb);
        return Files.readAllBytes(rgb);
    }

    /** A binary PPM (P6, maxval 255) as written by dwebp. */
    static RasterImage readPpm(byte[] ppm) {
        int[] at = {0};
        String magic = token(ppm, at);
        int width = Integer.parseInt(token(ppm, at));
        int height = Integer.parseInt(token(ppm, at));
        int maxval = Integer.parseInt(token(ppm, at));
        if (!magic.equals("P6") || maxval != 255) throw new IllegalArgumentException("not an 8-bit P6 PPM");
        int start = at[0] + 1;
        return new RasterImage(width, height, 3, Arrays.copyOfRange(ppm, start, start + width * height * 3));
    }

    private static String token(byte[] b, int[] at) {
        while (Character.isWhitespace(b[at[0]])) at[0]++;
        int start = at[0];
        while (!Character.isWhitespace(b[at[0]])) at[0]++;
        return new String(b, start, at[0] - start, StandardCharsets.US_ASCII);
    }
}
