package org.tideline.core.image;

import java.util.Objects;

/**
 * How files are decoded.
 *
 * @param limits               byte, pixel and time limits
 * @param applyExifOrientation rotate/flip by the EXIF orientation tag first; off by default because the PDQ
 *                             references do not, and hash lists are made without it
 * @param jpegBackend          which JPEG decoder to use
 */
public record DecodeOptions(ImageLimits limits, boolean applyExifOrientation, JpegBackend jpegBackend) {

    /** JPEG decoders. Both give identical pixels (tested); libjpeg-turbo is about twice as fast. */
    public enum JpegBackend {
        /** libjpeg-turbo through the FFM API when the system has {@code libturbojpeg}, ImageIO otherwise. */
        AUTO,
        /** Always the JDK's ImageIO (bundled IJG libjpeg). */
        IMAGEIO,
        /** Always libjpeg-turbo; decoding fails if the library is missing. */
        TURBOJPEG
    }

    public DecodeOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(jpegBackend, "jpegBackend");
    }

    public static DecodeOptions defaults() {
        return new DecodeOptions(ImageLimits.defaults(), false, JpegBackend.AUTO);
    }

    public DecodeOptions withLimits(ImageLimits l) {
        return new DecodeOptions(l, applyExifOrientation, jpegBackend);
    }

    public DecodeOptions withExifOrientation(boolean apply) {
        return new DecodeOptions(limits, apply, jpegBackend);
    }

    public DecodeOptions withJpegBackend(JpegBackend backend) {
        return new DecodeOptions(limits, applyExifOrientation, backend);
    }
}
