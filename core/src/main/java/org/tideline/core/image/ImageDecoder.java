package org.tideline.core.image;

import java.util.Optional;
import org.tideline.core.image.ImageRejectedException.Kind;

/**
 * Decodes image files into {@link RasterImage}s safely: the format is recognised from the bytes, the size is
 * checked from the header before decoding, decoding runs under a time limit and a shared heap budget, and every
 * failure is an {@link ImageRejectedException} of a known {@link Kind}: never a partial image, never an
 * {@link OutOfMemoryError}, never a hang.
 *
 * <p>Formats: JPEG (RGB, greyscale, CMYK/YCCK), PNG (all colour types and depths), GIF (first frame), BMP, WebP,
 * TIFF. JPEGs go through libjpeg-turbo when the system has it (see {@link DecodeOptions.JpegBackend}), WebP
 * through libwebp when the system has it (as the PDQ reference did; TwelveMonkeys' pure-Java decoder otherwise).
 * Thread-safe.
 */
public final class ImageDecoder {

    private final DecodeOptions options;
    private final ImageIoDecoder imageIo;
    private final Optional<TurboJpegDecoder> turbo;
    private final Optional<LibWebpDecoder> libwebp;

    public ImageDecoder(DecodeOptions options) {
        this.options = options;
        this.imageIo = new ImageIoDecoder(options.limits(), MemoryBudget.SHARED);
        this.turbo = switch (options.jpegBackend()) {
            case IMAGEIO -> Optional.empty();
            case AUTO, TURBOJPEG -> TurboJpegDecoder.load(options.limits(), MemoryBudget.SHARED);
        };
        this.libwebp = LibWebpDecoder.load(options.limits(), MemoryBudget.SHARED);
    }

    public ImageDecoder() {
        this(DecodeOptions.defaults());
    }

    public DecodeOptions options() {
        return options;
    }

    /** The JPEG decoder in use: "libjpeg-turbo" or "imageio". */
    public String jpegDecoderName() {
        return turbo.isPresent() ? "libjpeg-turbo" : "imageio";
    }

    /** The WebP decoder in use: "libwebp" or "imageio" (TwelveMonkeys). */
    public String webpDecoderName() {
        return libwebp.isPresent() ? "libwebp" : "imageio";
    }

    /** Decodes a whole file held in memory. */
    public RasterImage decode(byte[] bytes) throws ImageRejectedException {
        if (bytes.length == 0) {
            throw new ImageRejectedException(Kind.CORRUPT, "file is empty (0 bytes)");
        }
        if (bytes.length > options.limits().maxBytes()) {
            throw new ImageRejectedException(Kind.TOO_LARGE, "file is " + bytes.length
                    + " bytes, over the limit of " + options.limits().maxBytes());
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new ImageRejectedException(
                Kind.UNSUPPORTED_FORMAT, "not a JPEG, PNG, GIF, BMP, WebP or TIFF file (unrecognised signature)"));
        RasterImage raster = decode(bytes, format);
        if (!isUncompressedBmp(bytes, format)) {
            raster = RasterConversion.greyIfNeutral(raster);
        }
        if (options.applyExifOrientation() && format == ImageFormat.JPEG) {
            raster = ExifOrientation.apply(raster, ExifOrientation.read(bytes));
        }
        return raster;
    }

    /**
     * The reference loads uncompressed (BI_RGB) BMPs with CImg's own reader, always as RGB, and everything else
     * through ImageMagick, which hands over greyscale when every pixel is grey.
     */
    private static boolean isUncompressedBmp(byte[] bytes, ImageFormat format) {
        if (format != ImageFormat.BMP || bytes.length < 34) return false;
        int headerSize = (bytes[14] & 0xff) | (bytes[15] & 0xff) << 8 | (bytes[16] & 0xff) << 16 | bytes[17] << 24;
        if (headerSize == 12) return true; // OS/2 core header: no compression field
        int compression = (bytes[30] & 0xff) | (bytes[31] & 0xff) << 8 | (bytes[32] & 0xff) << 16 | bytes[33] << 24;
        return compression == 0;
    }

    private RasterImage decode(byte[] bytes, ImageFormat format) throws ImageRejectedException {
        if (format == ImageFormat.WEBP && libwebp.isPresent()) {
            return libwebp.get().decode(bytes);
        }
        if (format == ImageFormat.JPEG) {
            if (turbo.isPresent()) {
                Optional<RasterImage> fast = turbo.get().decode(bytes);
                if (fast.isPresent()) {
                    return fast.get();
                }
            } else if (options.jpegBackend() == DecodeOptions.JpegBackend.TURBOJPEG) {
                throw new ImageRejectedException(Kind.UNSUPPORTED_FORMAT,
                        "libjpeg-turbo was requested but libturbojpeg is not installed");
            }
        }
        return imageIo.decode(bytes, format);
    }
}
