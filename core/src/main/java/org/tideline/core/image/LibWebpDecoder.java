package org.tideline.core.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;
import org.tideline.core.image.ImageRejectedException.Kind;

/**
 * WebP decoding with the system's libwebp ({@code libwebp.so.7}, Debian package {@code libwebp7}) through the FFM
 * API, so that lossy WebP gives the pixels Meta's reference hashed: it decoded WebP with ImageMagick, which calls
 * libwebp's {@code WebPDecode} with a default {@code WebPDecoderConfig}, that is with fancy (bilinear) chroma
 * upsampling and no dithering. {@code WebPDecodeRGBInto}, used here, runs the same decoder with the same defaults
 * (and so does {@code dwebp}); the tests compare the pixels with both. TwelveMonkeys' pure-Java VP8 decoder, the
 * fallback, upsamples and rounds differently: on the five test files 78-92% of samples differ, by up to 40 levels,
 * and PDQ hashes are 0-8 bits off.
 *
 * <p>RGB output drops alpha and keeps the straight colour underneath, as ImageMagick's RGB does. libwebp's simple
 * API refuses animations, so the first frame's bitstream is found in the container ({@link WebpContainer}),
 * decoded alone, and placed on a black canvas of the animation's size at the frame's offset: ImageMagick's first
 * frame, pixel for pixel.
 *
 * <p>Sizes are read from the header ({@code WebPGetInfo}) and checked against the pixel limit and the heap budget
 * before decoding. A native decode cannot be interrupted; its time is bounded by the pixel limit, and a decode that
 * overran the time limit is refused as too slow afterwards, as with libjpeg-turbo. libwebp's own working memory
 * (up to about 4 bytes per pixel for lossless files) is native, outside the heap budget.
 *
 * <p>Set {@code -Dtideline.libwebp=false} to disable, or {@code -Dtideline.libwebp.path=/path/libwebp.so} to point
 * at another build.
 */
final class LibWebpDecoder {

    private static final int RGB = 3;

    private static final List<String> LIBRARY_PATHS = List.of(
            "/usr/lib/x86_64-linux-gnu/libwebp.so.7",
            "/usr/lib/aarch64-linux-gnu/libwebp.so.7",
            "/usr/lib64/libwebp.so.7",
            "/usr/lib/libwebp.so.7",
            "/usr/local/lib/libwebp.so.7");

    private static final Optional<Bindings> BINDINGS = Bindings.load();

    private final ImageLimits limits;
    private final MemoryBudget budget;
    private final Bindings lib;

    private LibWebpDecoder(ImageLimits limits, MemoryBudget budget, Bindings lib) {
        this.limits = limits;
        this.budget = budget;
        this.lib = lib;
    }

    /** A decoder when libwebp can be loaded, empty otherwise. */
    static Optional<LibWebpDecoder> load(ImageLimits limits, MemoryBudget budget) {
        return BINDINGS.map(b -> new LibWebpDecoder(limits, budget, b));
    }

    static boolean isAvailable() {
        return BINDINGS.isPresent();
    }

    /** Decodes a still WebP (lossy, lossless, with or without alpha) or an animation's first frame, as RGB. */
    RasterImage decode(byte[] webp) throws ImageRejectedException {
        WebpContainer.requireWhole(webp);
        Optional<WebpContainer.Frame> animationFrame = WebpContainer.firstAnimationFrame(webp);
        int offset = animationFrame.map(WebpContainer.Frame::offset).orElse(0);
        int length = animationFrame.map(WebpContainer.Frame::length).orElse(webp.length);
        try (Arena arena = Arena.ofConfined()) {
            NativeBuffers buffers = NativeBuffers.forCurrentThread();
            MemorySegment src = buffers.input(arena, length);
            MemorySegment.copy(webp, offset, src, ValueLayout.JAVA_BYTE, 0, length);
            WebpContainer.Frame frame = placement(src, length, buffers.header, animationFrame);
            long pixels = checkedPixels(frame.canvasWidth(), frame.canvasHeight());
            long reservation = pixels * ImageIoDecoder.BYTES_PER_PIXEL_IN_FLIGHT;
            budget.reserve(reservation);
            try {
                byte[] rgb = decodeRgb(arena, buffers, src, length, frame.width(), frame.height());
                return frame.coversCanvas() ? new RasterImage(frame.width(), frame.height(), RGB, rgb)
                        : onCanvas(rgb, frame);
            } finally {
                budget.release(reservation);
            }
        } catch (ImageRejectedException e) {
            throw e;
        } catch (Throwable t) {
            throw new ImageRejectedException(Kind.CORRUPT, "libwebp failed: " + t, t);
        }
    }

    /**
     * The picture's size from its bitstream header ({@code WebPGetInfo}) and where it goes: a still image is its
     * own canvas; an animation's frame must be the size its frame header says.
     */
    private WebpContainer.Frame placement(MemorySegment src, int length, MemorySegment header,
                                          Optional<WebpContainer.Frame> animationFrame) throws Throwable {
        int ok = (int) lib.getInfo.invokeExact(src, (long) length, header, header.asSlice(4));
        if (ok == 0) {
            throw new ImageRejectedException(Kind.CORRUPT,
                    "unreadable WebP header: libwebp found no valid VP8, VP8L or VP8X header");
        }
        int width = header.getAtIndex(ValueLayout.JAVA_INT, 0);
        int height = header.getAtIndex(ValueLayout.JAVA_INT, 1);
        if (animationFrame.isEmpty()) {
            return new WebpContainer.Frame(width, height, 0, 0, width, height, 0, length);
        }
        WebpContainer.Frame frame = animationFrame.get();
        if (width != frame.width() || height != frame.height()) {
            throw new ImageRejectedException(Kind.CORRUPT, "corrupt WebP animation: its first frame is " + width
                    + "x" + height + ", its frame header says " + frame.width() + "x" + frame.height());
        }
        return frame;
    }

    private long checkedPixels(int width, int height) throws ImageRejectedException {
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException(Kind.CORRUPT, "WebP header gives no size (" + width + "x" + height + ")");
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageRejectedException(Kind.TOO_LARGE, "image header claims " + width + "x" + height + " = "
                    + pixels + " pixels, over the limit of " + limits.maxPixels());
        }
        return pixels;
    }

    private byte[] decodeRgb(Arena arena, NativeBuffers buffers, MemorySegment src, int length, int width,
                             int height) throws Throwable {
        long bytes = (long) width * height * RGB;
        MemorySegment dst = buffers.output(arena, bytes);
        long started = System.nanoTime();
        MemorySegment written = (MemorySegment) lib.decodeRgbInto.invokeExact(src, (long) length, dst, bytes,
                width * RGB);
        if (System.nanoTime() - started > limits.timeout().toNanos()) {
            // Not interruptible, so checked afterwards: the limit means the same whichever decoder ran.
            throw new ImageRejectedException(Kind.TOO_SLOW,
                    "decoding took longer than the limit of " + limits.timeout().toMillis() + " ms");
        }
        if (written.equals(MemorySegment.NULL)) {
            throw new ImageRejectedException(Kind.CORRUPT,
                    "truncated or corrupt WebP data: libwebp could not decode the bitstream");
        }
        byte[] rgb = new byte[Math.toIntExact(bytes)];
        MemorySegment.copy(dst, ValueLayout.JAVA_BYTE, 0, rgb, 0, rgb.length);
        return rgb;
    }

    /** The frame at its offset on a canvas that is black elsewhere, as ImageMagick reads an animation's first frame. */
    private static RasterImage onCanvas(byte[] rgb, WebpContainer.Frame f) {
        byte[] canvas = new byte[Math.toIntExact((long) f.canvasWidth() * f.canvasHeight() * RGB)];
        int row = f.width() * RGB;
        for (int y = 0; y < f.height(); y++) {
            System.arraycopy(rgb, y * row, canvas, ((f.top() + y) * f.canvasWidth() + f.left()) * RGB, row);
        }
        return new RasterImage(f.canvasWidth(), f.canvasHeight(), RGB, canvas);
    }

    /** The two libwebp functions used, bound once per process. */
    private record Bindings(MethodHandle getInfo, MethodHandle decodeRgbInto) {

        static Optional<Bindings> load() {
            return NativeLibrary.bind("libwebp", LIBRARY_PATHS, Bindings::bind);
        }

        private static Bindings bind(SymbolLookup lookup) {
            Linker linker = Linker.nativeLinker();
            ValueLayout ptr = ValueLayout.ADDRESS;
            ValueLayout i32 = ValueLayout.JAVA_INT;
            ValueLayout size = ValueLayout.JAVA_LONG;
            return new Bindings(
                    linker.downcallHandle(lookup.findOrThrow("WebPGetInfo"),
                            FunctionDescriptor.of(i32, ptr, size, ptr, ptr)),
                    linker.downcallHandle(lookup.findOrThrow("WebPDecodeRGBInto"),
                            FunctionDescriptor.of(ptr, ptr, size, ptr, size, i32)));
        }
    }
}
