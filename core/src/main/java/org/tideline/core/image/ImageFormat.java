package org.tideline.core.image;

import java.util.Optional;

/** The formats Tideline decodes, recognised by their magic bytes, never by the file name. */
public enum ImageFormat {
    JPEG, PNG, GIF, BMP, WEBP, TIFF;

    /** The format whose signature starts {@code bytes}, if any. */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) return Optional.of(JPEG);
        if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of(PNG);
        if (startsWith(bytes, 'G', 'I', 'F', '8')) return Optional.of(GIF);
        if (startsWith(bytes, 'B', 'M') && bytes.length >= 26) return Optional.of(BMP);
        if (startsWith(bytes, 'R', 'I', 'F', 'F') && bytes.length >= 12
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (startsWith(bytes, 'I', 'I', 42, 0) || startsWith(bytes, 'M', 'M', 0, 42)) return Optional.of(TIFF);
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int... signature) {
        if (bytes.length < signature.length) return false;
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[i] & 0xff) != signature[i]) return false;
        }
        return true;
    }
}
