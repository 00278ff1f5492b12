package org.tideline.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.tideline.core.image.ImageRejectedException.Kind;

/**
 * Decoding through ImageIO with the limits enforced around it:
 * <ol>
 *   <li>the reader parses only the header first ({@code getWidth(0)}, {@code getHeight(0)}), and the pixel limit
 *       and the heap budget are checked before a single pixel is decoded;</li>
 *   <li>a watchdog calls {@link ImageReader#abort()} when the time limit passes, and again every few
 *       milliseconds until the read returns (the JDK's readers poll it per scanline or tile);</li>
 *   <li>the JDK's JPEG reader fills a truncated file with grey and only warns, so its warnings are collected and a
 *       premature end of data is reported as corrupt.</li>
 * </ol>
 * The JDK's own readers are preferred (the JPEG one decodes with IJG libjpeg exactly as the references did);
 * TwelveMonkeys adds WebP and the CMYK/YCCK JPEGs the JDK refuses.
 */
final class ImageIoDecoder {

    /** Rough heap per pixel while decoding: the decoder's image (up to 8 B), our raster (3 B), two float planes. */
    static final long BYTES_PER_PIXEL_IN_FLIGHT = 20;
    /** How often the watchdog repeats its abort once the time limit has passed, until the read returns. */
    private static final long ABORT_REPEAT_MILLIS = 5;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tideline-decode-watchdog");
        t.setDaemon(true);
        return t;
    });

    static {
        ImageIO.setUseCache(false);
    }

    private final ImageLimits limits;
    private final MemoryBudget budget;

    ImageIoDecoder(ImageLimits limits, MemoryBudget budget) {
        this.limits = limits;
        this.budget = budget;
    }

    RasterImage decode(byte[] bytes, ImageFormat format) throws ImageRejectedException {
        try {
            return decodeWith(jdkReaderFirst(format), bytes, format);
        } catch (UnsupportedJpegColourException e) {
            try {
                return decodeWith(otherReader(format), bytes, format);
            } catch (UnsupportedJpegColourException again) {
                throw new ImageRejectedException(Kind.UNSUPPORTED_FORMAT, "unsupported JPEG colour type");
            }
        }
    }

    private RasterImage decodeWith(ImageReader reader, byte[] bytes, ImageFormat format)
            throws ImageRejectedException, UnsupportedJpegColourException {
        long reservation = 0;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, format != ImageFormat.JPEG);
            long pixels = checkedPixels(reader);
            reservation = pixels * BYTES_PER_PIXEL_IN_FLIGHT;
            budget.reserve(reservation);
            List<String> warnings = new CopyOnWriteArrayList<>();
            reader.addIIOReadWarningListener(collecting(warnings));
            BufferedImage image = readWithTimeout(reader);
            checkWarnings(warnings);
            return RasterConversion.toRaster(image, format == ImageFormat.TIFF ? TiffPalette.exact(reader) : null);
        } catch (IIOException e) {
            if (format == ImageFormat.JPEG && isUnsupportedColour(e) && isJdkReader(reader)) {
                throw new UnsupportedJpegColourException();
            }
            if (String.valueOf(e.getMessage()).contains("Unsupported JPEG process")) {
                // Arithmetic-coded or lossless JPEG: valid files this decoder cannot read.
                throw new ImageRejectedException(Kind.UNSUPPORTED_FORMAT, describe(format, e), e);
            }
            throw new ImageRejectedException(Kind.CORRUPT, describe(format, e), e);
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(Kind.CORRUPT, describe(format, e), e);
        } catch (OutOfMemoryError e) {
            // A last line only: the header check and the budget are meant to prevent this.
            throw new ImageRejectedException(Kind.TOO_LARGE, "ran out of memory decoding the " + format + " image");
        } finally {
            reader.dispose();
            if (reservation > 0) {
                budget.release(reservation);
            }
        }
    }

    private long checkedPixels(ImageReader reader) throws ImageRejectedException {
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(Kind.CORRUPT, "unreadable image header: " + safeMessage(e), e);
        }
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException(Kind.CORRUPT, "image header gives no size (" + width + "x" + height + ")");
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageRejectedException(Kind.TOO_LARGE, "image header claims " + width + "x" + height + " = "
                    + pixels + " pixels, over the limit of " + limits.maxPixels());
        }
        return pixels;
    }

    private BufferedImage readWithTimeout(ImageReader reader) throws IOException, ImageRejectedException {
        AtomicBoolean timedOut = new AtomicBoolean();
        // Repeated, not once: the JDK's readers call clearAbortRequest() when read() starts decoding pixels, after
        // parsing every chunk before them and allocating the image, so an abort that lands during that setup is
        // forgotten and the decode would run to the end.
        ScheduledFuture<?> alarm = WATCHDOG.scheduleWithFixedDelay(() -> {
            timedOut.set(true);
            reader.abort();
        }, limits.timeout().toMillis(), ABORT_REPEAT_MILLIS, TimeUnit.MILLISECONDS);
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (timedOut.get()) {
                throw tooSlow();
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
        if (timedOut.get()) {
            throw tooSlow();
        }
        if (image == null) {
            throw new ImageRejectedException(Kind.CORRUPT, "decoder returned no image");
        }
        return image;
    }

    private ImageRejectedException tooSlow() {
        return new ImageRejectedException(Kind.TOO_SLOW,
                "decoding took longer than the limit of " + limits.timeout().toMillis() + " ms");
    }

    private static void checkWarnings(List<String> warnings) throws ImageRejectedException {
        for (String w : warnings) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (lower.contains("premature end") || lower.contains("truncat") || lower.contains("corrupt")) {
                throw new ImageRejectedException(Kind.CORRUPT, "truncated or corrupt image data (" + w + ")");
            }
        }
    }

    private static IIOReadWarningListener collecting(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    private static boolean isUnsupportedColour(IIOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("unsupported image type") || m.contains("unsupported color conversion");
    }

    private static boolean isJdkReader(ImageReader reader) {
        return reader.getClass().getName().startsWith("com.sun.imageio.");
    }

    private static ImageReader jdkReaderFirst(ImageFormat format) throws ImageRejectedException {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName(format)); it.hasNext(); ) {
            ImageReader r = it.next();
            if (isJdkReader(r)) {
                if (fallback != null) fallback.dispose();
                return r;
            }
            if (fallback == null) {
                fallback = r;
            } else {
                r.dispose();
            }
        }
        if (fallback == null) {
            throw new ImageRejectedException(Kind.UNSUPPORTED_FORMAT, "no decoder for " + format + " is installed");
        }
        return fallback;
    }

    private static ImageReader otherReader(ImageFormat format) throws ImageRejectedException {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName(format)); it.hasNext(); ) {
            ImageReader r = it.next();
            if (!isJdkReader(r)) {
                return r;
            }
            r.dispose();
        }
        throw new ImageRejectedException(Kind.UNSUPPORTED_FORMAT,
                "this JPEG's colour type (CMYK or YCCK) needs the TwelveMonkeys JPEG plugin, which is not installed");
    }

    private static String formatName(ImageFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    private static String describe(ImageFormat format, Throwable e) {
        return "cannot decode " + format + " data: " + safeMessage(e);
    }

    /**
     * The exception's message and, when it has one, its root cause's: the JDK's readers wrap the informative part
     * ("Unexpected end of ZLIB input stream") in a generic one ("Error reading PNG image data").
     */
    private static String safeMessage(Throwable e) {
        String message = messageOf(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootMessage = root == e ? null : root.getMessage();
        if (rootMessage == null || rootMessage.isBlank() || message.contains(rootMessage)) {
            return message;
        }
        return message + " (" + rootMessage + ")";
    }

    private static String messageOf(Throwable e) {
        String m = e.getMessage();
        if (m != null && !m.isBlank()) return m;
        // The BMP and TIFF readers run off the end of a truncated file with a bare EOFException.
        return e instanceof EOFException ? "unexpected end of file" : e.getClass().getSimpleName();
    }

    /** Signals that the JDK's JPEG reader refused a colour type another reader may handle. */
    private static final class UnsupportedJpegColourException extends Exception {
        UnsupportedJpegColourException() {
            super(null, null, false, false);
        }
    }
}
