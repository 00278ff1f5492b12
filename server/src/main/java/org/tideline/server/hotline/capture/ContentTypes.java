package org.tideline.server.hotline.capture;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tideline.core.image.ImageFormat;

/**
 * Reading Content-Type headers, and checking that bytes are what they claim. A server can call anything
 * {@code image/png}; the media types whose signatures the fetcher knows are confirmed from the first bytes, so an
 * HTML page or a script served as an image never reaches the hashing as one. Types a deployment adds beyond those
 * are taken at their word.
 */
final class ContentTypes {

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");
    private static final Set<String> IMAGE_TYPES = Set.of(
            "image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff");
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

    private ContentTypes() {}

    /** {@code text/html; charset=UTF-8} gives {@code text/html}; empty when missing or malformed. */
    static Optional<String> mediaType(Optional<String> header) {
        return header.map(h -> {
            int semicolon = h.indexOf(';');
            return (semicolon < 0 ? h : h.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        }).filter(t -> MEDIA_TYPE.matcher(t).matches());
    }

    /** The charset parameter when the JDK knows it, else UTF-8 (what nearly every page is). */
    static Charset charset(Optional<String> header) {
        if (header.isEmpty()) return StandardCharsets.UTF_8;
        for (String parameter : header.get().split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").strip();
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Whether {@code bytes} start like {@code mediaType}; true for types whose signature is not known here. */
    static boolean looksLike(String mediaType, byte[] bytes) {
        if (IMAGE_TYPES.contains(mediaType)) return ImageFormat.sniff(bytes).isPresent();
        return switch (mediaType) {
            // ISO base media file format: a box of type "ftyp" first.
            case "video/mp4" -> bytes.length >= 12
                    && bytes[4] == 'f' && bytes[5] == 't' && bytes[6] == 'y' && bytes[7] == 'p';
            // Matroska/WebM: an EBML header first.
            case "video/webm" -> startsWith(bytes, EBML);
            default -> true;
        };
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) return false;
        }
        return true;
    }
}
