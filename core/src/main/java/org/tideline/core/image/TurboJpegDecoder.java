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
 * JPEG decoding with the system's libjpeg-turbo ({@code libturbojpeg.so.0}, Debian package {@code libturbojpeg0})
 * through the FFM API: about twice as fast as the JDK's bundled IJG libjpeg, with the same pixels because both
 * run libjpeg's default accurate integer IDCT and fancy upsampling (tests compare the two on every JPEG).
 *
 * <p>Uses the TurboJPEG 2.x API, which 3.x still exports. Flags: {@code TJFLAG_STOPONWARNING} so a truncated file
 * is an error rather than grey-filled, and {@code TJFLAG_LIMITSCANS} so a progressive JPEG with thousands of scans
 * (a known denial of service) is refused. A native decode cannot be interrupted; its time is bounded by the pixel
 * limit checked from the header first and by the scan limit, and a decode that overran the time limit is still
 * refused as too slow afterwards, so the limit means the same as with ImageIO. CMYK and YCCK files are left to
 * ImageIO ({@link #decode} answers empty).
 *
 * <p>Set {@code -Dtideline.turbojpeg=false} to disable, or {@code -Dtideline.turbojpeg.path=/path/libturbojpeg.so}
 * to point at another build.
 */
final class TurboJpegDecoder {

    private static final int TJPF_RGB = 0;
    private static final int TJPF_GRAY = 6;
    private static final int TJCS_RGB = 0;
    private static final int TJCS_YCBCR = 1;
    private static final int TJCS_GRAY = 2;
    private static final int TJFLAG_STOPONWARNING = 8192;
    private static final int TJFLAG_LIMITSCANS = 32768;
    private static final int FLAGS = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;

    private static final List<String> LIBRARY_PATHS = List.of(
            "/usr/lib/x86_64-linux-gnu/libturbojpeg.so.0",
            "/usr/lib/aarch64-linux-gnu/libturbojpeg.so.0",
            "/usr/lib64/libturbojpeg.so.0",
            "/usr/lib/libturbojpeg.so.0",
            "/opt/libjpeg-turbo/lib64/libturbojpeg.so.0");

    private static final Optional<Bindings> BINDINGS = Bindings.load();

    private final ImageLimits limits;
    private final MemoryBudget budget;
    private final Bindings lib;

    private TurboJpegDecoder(ImageLimits limits, MemoryBudget budget, Bindings lib) {
        this.limits = limits;
        this.budget = budget;
        this.lib = lib;
    }

    /** A decoder when libturbojpeg can be loaded, empty otherwise. */
    static Optional<TurboJpegDecoder> load(ImageLimits limits, MemoryBudget budget) {
        return BINDINGS.map(b -> new TurboJpegDecoder(limits, budget, b));
    }

    static boolean isAvailable() {
        return BINDINGS.isPresent();
    }

    /**
     * Decodes an RGB, YCbCr or greyscale JPEG; empty for colour types left to ImageIO.
     */
    Optional<RasterImage> decode(byte[] jpeg) throws ImageRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) lib.initDecompress.invokeExact();
            if (handle.equals(MemorySegment.NULL)) {
                throw new ImageRejectedException(Kind.CORRUPT, "libjpeg-turbo could not start a decoder");
            }
            try {
                return decode(arena, handle, jpeg);
            } finally {
                int ignored = (int) lib.destroy.invokeExact(handle);
            }
        } catch (ImageRejectedException e) {
            throw e;
        } catch (Throwable t) {
            throw new ImageRejectedException(Kind.CORRUPT, "libjpeg-turbo failed: " + t, t);
        }
    }

    private Optional<RasterImage> decode(Arena arena, MemorySegment handle, byte[] jpeg) throws Throwable {
        NativeBuffers buffers = NativeBuffers.forCurrentThread();
        MemorySegment src = buffers.input(arena, jpeg.length);
        MemorySegment.copy(jpeg, 0, src, ValueLayout.JAVA_BYTE, 0, jpeg.length);
        MemorySegment header = buffers.header;
        int rc = (int) lib.decompressHeader3.invokeExact(handle, src, (long) jpeg.length,
                header, header.asSlice(4), header.asSlice(8), header.asSlice(12));
        if (rc != 0) {
            throw new ImageRejectedException(Kind.CORRUPT, "unreadable JPEG header: " + error(handle));
        }
        int width = header.getAtIndex(ValueLayout.JAVA_INT, 0);
        int height = header.getAtIndex(ValueLayout.JAVA_INT, 1);
        int colourspace = header.getAtIndex(ValueLayout.JAVA_INT, 3);
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException(Kind.CORRUPT, "JPEG header gives no size (" + width + "x" + height + ")");
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageRejectedException(Kind.TOO_LARGE, "image header claims " + width + "x" + height + " = "
                    + pixels + " pixels, over the limit of " + limits.maxPixels());
        }
        int channels;
        int pixelFormat;
        if (colourspace == TJCS_GRAY) {
            channels = 1;
            pixelFormat = TJPF_GRAY;
        } else if (colourspace == TJCS_RGB || colourspace == TJCS_YCBCR) {
            channels = 3;
            pixelFormat = TJPF_RGB;
        } else {
            return Optional.empty();
        }
        long reservation = pixels * ImageIoDecoder.BYTES_PER_PIXEL_IN_FLIGHT;
        budget.reserve(reservation);
        try {
            long size = pixels * channels;
            MemorySegment dst = buffers.output(arena, size);
            long started = System.nanoTime();
            rc = (int) lib.decompress2.invokeExact(handle, src, (long) jpeg.length, dst,
                    width, 0, height, pixelFormat, FLAGS);
            if (System.nanoTime() - started > limits.timeout().toNanos()) {
                // Not interruptible, so checked afterwards: the limit means the same whichever decoder ran.
                throw new ImageRejectedException(Kind.TOO_SLOW,
                        "decoding took longer than the limit of " + limits.timeout().toMillis() + " ms");
            }
            if (rc != 0) {
                throw new ImageRejectedException(Kind.CORRUPT, "truncated or corrupt JPEG data: " + error(handle));
            }
            byte[] samples = new byte[Math.toIntExact(size)];
            MemorySegment.copy(dst, ValueLayout.JAVA_BYTE, 0, samples, 0, samples.length);
            return Optional.of(new RasterImage(width, height, channels, samples));
        } finally {
            budget.release(reservation);
        }
    }

    private String error(MemorySegment handle) throws Throwable {
        MemorySegment message = (MemorySegment) lib.getErrorStr2.invokeExact(handle);
        return message.equals(MemorySegment.NULL) ? "unknown error" : message.reinterpret(512).getString(0);
    }

    /** The four TurboJPEG functions used, bound once per process. */
    private record Bindings(MethodHandle initDecompress, MethodHandle decompressHeader3, MethodHandle decompress2,
                            MethodHandle destroy, MethodHandle getErrorStr2) {

        static Optional<Bindings> load() {
            return NativeLibrary.bind("turbojpeg", LIBRARY_PATHS, Bindings::bind);
        }

        private static Bindings bind(SymbolLookup lookup) {
            Linker linker = Linker.nativeLinker();
            ValueLayout ptr = ValueLayout.ADDRESS;
            ValueLayout i32 = ValueLayout.JAVA_INT;
            ValueLayout u64 = ValueLayout.JAVA_LONG;
            return new Bindings(
                    linker.downcallHandle(lookup.findOrThrow("tjInitDecompress"), FunctionDescriptor.of(ptr)),
                    linker.downcallHandle(lookup.findOrThrow("tjDecompressHeader3"),
                            FunctionDescriptor.of(i32, ptr, ptr, u64, ptr, ptr, ptr, ptr)),
                    linker.downcallHandle(lookup.findOrThrow("tjDecompress2"),
                            FunctionDescriptor.of(i32, ptr, ptr, u64, ptr, i32, i32, i32, i32, i32)),
                    linker.downcallHandle(lookup.findOrThrow("tjDestroy"), FunctionDescriptor.of(i32, ptr)),
                    linker.downcallHandle(lookup.findOrThrow("tjGetErrorStr2"), FunctionDescriptor.of(ptr, ptr)));
        }
    }
}
