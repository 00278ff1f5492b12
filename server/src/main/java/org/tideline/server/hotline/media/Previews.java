package org.tideline.server.hotline.media;

import java.util.Arrays;
import java.util.Objects;
import org.tideline.core.image.DecodeOptions;
import org.tideline.core.image.ImageDecoder;
import org.tideline.core.image.ImageRejectedException;
import org.tideline.core.image.RasterImage;

/**
 * What an analyst is shown of an image, made on the server so that the pixels withheld never reach the browser.
 *
 * <p>{@link #blurred}, the default view: greyscale, shrunk by area averaging to {@value #BLUR_SIDE} pixels on its
 * long side, then enlarged smoothly ({@link Resample}) to the size asked for. Whatever the image and whatever the
 * size asked for, the preview carries at most 12 x 12 greyscale values of information: the layout of light and
 * dark, nothing recognisable, no text, no faces. {@link #greyscale}, shown only after an explicit reveal of one
 * item: greyscale at reduced size.
 *
 * <p>Untrusted bytes are decoded only through core's {@link ImageDecoder} (format sniffed from the content, pixel
 * count checked from the header before decoding, time limit, shared heap budget; EXIF orientation applied so the
 * analyst sees the image upright), so a hostile file is refused with a typed {@link ImageRejectedException} instead
 * of exhausting memory. Everything happens in memory: no temporary file, no cache file, nothing logged. Decoded
 * pixels are zeroed once the preview is made.
 */
public final class Previews {

    /** The size the hotline's pages ask for. */
    public static final int DEFAULT_SIDE = 320;
    /** Largest preview side accepted. */
    public static final int MAX_SIDE = 2048;
    /** The long side, in pixels, of the image the blurred preview is enlarged from: all the detail it keeps. */
    static final int BLUR_SIDE = 12;
    private static final int MIN_SIDE = 16;

    private Previews() {}

    /** The default view: greyscale and blurred beyond recognition, a PNG whose long side is {@code maxSide}. */
    public static byte[] blurred(byte[] imageBytes, int maxSide) throws ImageRejectedException {
        checkSide(maxSide);
        GreyImage grey = decodeGrey(imageBytes);
        GreyImage small;
        try {
            int[] tiny = Resample.fit(grey.width(), grey.height(), Math.min(BLUR_SIDE, longSide(grey)));
            small = Resample.areaAverage(grey, tiny[0], tiny[1]);
        } finally {
            grey.wipe();
        }
        int[] size = Resample.fit(small.width(), small.height(), maxSide);
        return Resample.smoothUpscale(small, size[0], size[1]).png();
    }

    /**
     * The revealed view: greyscale, shrunk (never enlarged) so that its long side is at most {@code maxSide}, a PNG.
     * This one shows the image: call it only on an analyst's explicit action on this one item, and audit it.
     */
    public static byte[] greyscale(byte[] imageBytes, int maxSide) throws ImageRejectedException {
        checkSide(maxSide);
        GreyImage grey = decodeGrey(imageBytes);
        GreyImage shown = null;
        try {
            if (longSide(grey) <= maxSide) {
                return grey.png();
            }
            int[] size = Resample.fit(grey.width(), grey.height(), maxSide);
            shown = Resample.areaAverage(grey, size[0], size[1]);
            return shown.png();
        } finally {
            grey.wipe();
            if (shown != null) {
                shown.wipe();
            }
        }
    }

    private static GreyImage decodeGrey(byte[] imageBytes) throws ImageRejectedException {
        Objects.requireNonNull(imageBytes, "imageBytes");
        RasterImage raster = Decoder.INSTANCE.decode(imageBytes);
        try {
            return GreyImage.of(raster);
        } finally {
            Arrays.fill(raster.samples(), (byte) 0);
        }
    }

    private static int longSide(GreyImage image) {
        return Math.max(image.width(), image.height());
    }

    private static void checkSide(int maxSide) {
        if (maxSide < MIN_SIDE || maxSide > MAX_SIDE) {
            throw new IllegalArgumentException("preview side must be " + MIN_SIDE + " to " + MAX_SIDE + ", got "
                    + maxSide);
        }
    }

    /** Created on first use: the decoder probes for native libraries (libjpeg-turbo, libwebp) once. */
    private static final class Decoder {
        static final ImageDecoder INSTANCE = new ImageDecoder(DecodeOptions.defaults().withExifOrientation(true));
    }
}
