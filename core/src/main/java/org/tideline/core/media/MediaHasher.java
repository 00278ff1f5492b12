package org.tideline.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.tideline.core.image.DecodeOptions;
import org.tideline.core.image.ImageDecoder;
import org.tideline.core.image.ImageRejectedException;
import org.tideline.core.image.ImageRejectedException.Kind;
import org.tideline.core.image.RasterImage;
import org.tideline.core.pdq.PdqHasher;
import org.tideline.core.pdq.PdqMode;
import org.tideline.core.pdq.PdqResult;

/**
 * Hashes image files: one read of the file into memory (bounded by the byte limit), MD5/SHA-1/SHA-256 over those
 * bytes, then a safe decode and PDQ. Thread-safe; one instance serves all threads.
 */
public final class MediaHasher {

    private final ImageDecoder decoder;
    private final PdqHasher pdq;
    private final boolean dihedral;

    public MediaHasher(DecodeOptions options, PdqMode mode, boolean dihedral) {
        this.decoder = new ImageDecoder(options);
        this.pdq = new PdqHasher(mode);
        this.dihedral = dihedral;
    }

    /** Full-resolution PDQ, default limits, no dihedral hashes. */
    public MediaHasher() {
        this(DecodeOptions.defaults(), PdqMode.FULL, false);
    }

    public ImageDecoder decoder() {
        return decoder;
    }

    public MediaHashes hash(Path file) throws ImageRejectedException {
        return hash(readBounded(file, decoder.options().limits().maxBytes()));
    }

    public MediaHashes hash(byte[] bytes) throws ImageRejectedException {
        Digests digests = Digests.of(bytes);
        RasterImage raster = decoder.decode(bytes);
        return new MediaHashes(digests, pdqOf(raster), raster.width(), raster.height());
    }

    private PdqResult pdqOf(RasterImage raster) throws ImageRejectedException {
        if (raster.width() < PdqHasher.MIN_DIMENSION || raster.height() < PdqHasher.MIN_DIMENSION) {
            throw new ImageRejectedException(Kind.TOO_SMALL, "image is " + raster.width() + "x" + raster.height()
                    + " pixels; PDQ needs at least " + PdqHasher.MIN_DIMENSION + " on each side");
        }
        return pdq.hash(raster, dihedral);
    }

    /**
     * Reads a whole file, refusing it as soon as it proves larger than {@code maxBytes} (the size is checked
     * before reading, and the read stops one byte past the limit in case the file grows meanwhile).
     */
    public static byte[] readBounded(Path file, long maxBytes) throws ImageRejectedException {
        try {
            if (Files.isDirectory(file)) {
                throw new ImageRejectedException(Kind.UNREADABLE, "is a directory");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(size, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
                byte[] buffer = new byte[(int) Math.min(cap + 1L, Math.max(size + 1, 8192))];
                int length = 0;
                while (true) {
                    if (length == buffer.length) {
                        if (length > cap) throw tooLarge(length, maxBytes);
                        buffer = Arrays.copyOf(buffer, (int) Math.min(cap + 1L, (long) length * 2));
                    }
                    int n = in.read(buffer, length, buffer.length - length);
                    if (n < 0) break;
                    length += n;
                }
                if (length > cap) throw tooLarge(length, maxBytes);
                return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
            }
        } catch (NoSuchFileException e) {
            throw new ImageRejectedException(Kind.UNREADABLE, "no such file");
        } catch (AccessDeniedException e) {
            throw new ImageRejectedException(Kind.UNREADABLE, "permission denied");
        } catch (IOException e) {
            throw new ImageRejectedException(Kind.UNREADABLE, "cannot read file: " + e.getMessage(), e);
        }
    }

    private static ImageRejectedException tooLarge(long size, long maxBytes) {
        return new ImageRejectedException(Kind.TOO_LARGE, "file is " + (size > maxBytes ? "over " : "")
                + maxBytes + " bytes, the limit");
    }
}
