package org.tideline.core.image;

import java.util.Optional;
import org.tideline.core.image.ImageRejectedException.Kind;

/**
 * The parts of a WebP file's RIFF container (Google's "WebP Container Specification") that are read before libwebp
 * sees the file: whether the declared size is all there, and, for an animation, where its first frame lies.
 *
 * <p>A file is {@code RIFF <size> WEBP} followed by chunks ({@code <fourcc> <size> <payload>}, padded to even
 * length). A still image is one {@code VP8 } (lossy) or {@code VP8L} (lossless) chunk, optionally after a
 * {@code VP8X} header and an {@code ALPH} chunk; libwebp's simple API decodes those. An animation is a {@code VP8X}
 * header with the animation flag, whose canvas size it gives, and {@code ANMF} chunks, each a frame's offset on the
 * canvas, its size, and a still bitstream ({@code ALPH} and {@code VP8 }, or {@code VP8L}) that libwebp decodes
 * when given alone (its demuxer hands frames to the decoder the same way). The simple API itself refuses
 * animations.
 */
final class WebpContainer {

    private static final int RIFF_HEADER_BYTES = 12;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int VP8X_PAYLOAD_BYTES = 10;
    private static final int VP8X_ANIMATION_FLAG = 0x02;
    /** Frame x, y, width - 1, height - 1 and duration (24 bits each), then one byte of flags. */
    private static final int ANMF_HEADER_BYTES = 16;

    /**
     * A picture and where it lies on the canvas: an animation's first frame, or a still image as its own canvas.
     *
     * @param left   offset of the frame on the canvas (the container stores half of it)
     * @param offset where the frame's bitstream starts in the file
     * @param length the bitstream's length
     */
    record Frame(int canvasWidth, int canvasHeight, int left, int top, int width, int height, int offset,
                 int length) {

        boolean coversCanvas() {
            return left == 0 && top == 0 && width == canvasWidth && height == canvasHeight;
        }
    }

    private WebpContainer() {
    }

    /** Refuses a file shorter than its RIFF header says: a truncated download or copy. */
    static void requireWhole(byte[] webp) throws ImageRejectedException {
        if (webp.length < RIFF_HEADER_BYTES) {
            throw new ImageRejectedException(Kind.CORRUPT, "truncated WebP file: " + webp.length
                    + " bytes, less than its 12-byte header");
        }
        long declared = u32(webp, 4) + CHUNK_HEADER_BYTES;
        if (declared > webp.length) {
            throw new ImageRejectedException(Kind.CORRUPT, "truncated WebP file: its RIFF header declares "
                    + declared + " bytes, the file has " + webp.length);
        }
    }

    /** The first frame when the file is an animation; empty for a still image. */
    static Optional<Frame> firstAnimationFrame(byte[] webp) throws ImageRejectedException {
        int end = (int) Math.min(webp.length, u32(webp, 4) + CHUNK_HEADER_BYTES);
        int at = RIFF_HEADER_BYTES;
        if (!isChunk(webp, at, end, "VP8X") || u32(webp, at + 4) < VP8X_PAYLOAD_BYTES
                || at + CHUNK_HEADER_BYTES + VP8X_PAYLOAD_BYTES > end) {
            return Optional.empty();
        }
        int vp8x = at + CHUNK_HEADER_BYTES;
        if ((webp[vp8x] & VP8X_ANIMATION_FLAG) == 0) {
            return Optional.empty();
        }
        int canvasWidth = u24(webp, vp8x + 4) + 1;
        int canvasHeight = u24(webp, vp8x + 7) + 1;
        while (at + CHUNK_HEADER_BYTES <= end) {
            long size = u32(webp, at + 4);
            int payload = at + CHUNK_HEADER_BYTES;
            if (size > end - payload) {
                throw new ImageRejectedException(Kind.CORRUPT, "corrupt WebP container: a chunk runs past the end "
                        + "of the file");
            }
            if (isChunk(webp, at, end, "ANMF")) {
                return Optional.of(frame(webp, payload, (int) size, canvasWidth, canvasHeight));
            }
            at = payload + (int) size + (int) (size & 1);
        }
        throw new ImageRejectedException(Kind.CORRUPT, "animated WebP without any frame");
    }

    private static Frame frame(byte[] webp, int payload, int size, int canvasWidth, int canvasHeight)
            throws ImageRejectedException {
        if (size < ANMF_HEADER_BYTES + CHUNK_HEADER_BYTES) {
            throw new ImageRejectedException(Kind.CORRUPT, "corrupt WebP animation: its first frame is empty");
        }
        int left = 2 * u24(webp, payload);
        int top = 2 * u24(webp, payload + 3);
        int width = u24(webp, payload + 6) + 1;
        int height = u24(webp, payload + 9) + 1;
        if ((long) left + width > canvasWidth || (long) top + height > canvasHeight) {
            throw new ImageRejectedException(Kind.CORRUPT, "corrupt WebP animation: its first frame ("
                    + width + "x" + height + " at " + left + "," + top + ") lies outside the " + canvasWidth + "x"
                    + canvasHeight + " canvas");
        }
        return new Frame(canvasWidth, canvasHeight, left, top, width, height, payload + ANMF_HEADER_BYTES,
                size - ANMF_HEADER_BYTES);
    }

    private static boolean isChunk(byte[] b, int at, int end, String fourcc) {
        if (at + CHUNK_HEADER_BYTES > end) return false;
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != fourcc.charAt(i)) return false;
        }
        return true;
    }

    private static int u24(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16;
    }

    private static long u32(byte[] b, int at) {
        return u24(b, at) | (long) (b[at + 3] & 0xff) << 24;
    }
}
