package org.tideline.server.hotline.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.tideline.core.image.RasterImage;

/** 8-bit greyscale pixels, row-major. The array is owned, not copied, and can be {@link #wipe() wiped}. */
record GreyImage(int width, int height, byte[] pixels) {

    /** Rec. 601 luma weights in thousandths, the weights of PDQ and of most greyscale conversions. */
    private static final int FROM_R = 299;
    private static final int FROM_G = 587;
    private static final int FROM_B = 114;

    GreyImage {
        if (width <= 0 || height <= 0 || (long) width * height != pixels.length) {
            throw new IllegalArgumentException("bad grey image " + width + "x" + height + " with " + pixels.length
                    + " pixels");
        }
    }

    /** Luma of a decoded raster (greyscale rasters are copied as they are). */
    static GreyImage of(RasterImage raster) {
        byte[] samples = raster.samples();
        byte[] grey = new byte[raster.width() * raster.height()];
        if (raster.isGrey()) {
            System.arraycopy(samples, 0, grey, 0, grey.length);
        } else {
            for (int i = 0, s = 0; i < grey.length; i++, s += 3) {
                int luma = FROM_R * (samples[s] & 0xff) + FROM_G * (samples[s + 1] & 0xff) + FROM_B * (samples[s + 2] & 0xff);
                grey[i] = (byte) ((luma + 500) / 1000);
            }
        }
        return new GreyImage(raster.width(), raster.height(), grey);
    }

    int at(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    void wipe() {
        Arrays.fill(pixels, (byte) 0);
    }

    /**
     * A greyscale PNG, encoded in memory: the output stream is a {@link MemoryCacheImageOutputStream}, so ImageIO
     * never writes a cache file whatever {@link ImageIO#getUseCache()} says.
     */
    byte[] png() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no PNG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
