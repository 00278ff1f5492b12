package org.tideline.server.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.tideline.core.image.ImageRejectedException;
import org.tideline.core.media.MediaHashes;
import org.tideline.server.ApiException;
import org.tideline.server.Services;

/**
 * Uploaded media: exactly one file, read into memory within the size limit (never to a temporary file), decoded
 * with the core's limits and hashed. A hostile file is a 4xx naming what was wrong with it.
 */
final class Uploads {

    /** Room for the multipart boundaries and headers around the file. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private Uploads() {}

    /** The one uploaded file's hashes; the form field name is free (HMA uses the content type, {@code photo}). */
    static MediaHashes hashOne(Context ctx, Services services, long maxBytes) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.invalid("Missing multipart/form-data file upload");
        }
        if (ctx.contentLength() > maxBytes + MULTIPART_OVERHEAD) {
            throw new ApiException(ApiException.Kind.TOO_LARGE, "file over " + maxBytes + " bytes");
        }
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles();
        } catch (Exception e) { // Jetty reports a malformed or oversized body as a (sneakily thrown) ServletException
            throw ApiException.invalid("the multipart/form-data body could not be read (malformed, or a file over "
                    + maxBytes + " bytes)");
        }
        if (files.isEmpty()) {
            throw ApiException.invalid("Missing multipart/form-data file upload");
        }
        if (files.size() > 1) {
            throw ApiException.invalid("Only one file allowed per request");
        }
        UploadedFile file = files.getFirst();
        if (file.size() > maxBytes) {
            throw new ApiException(ApiException.Kind.TOO_LARGE, "file over " + maxBytes + " bytes");
        }
        byte[] bytes;
        try (InputStream in = file.content()) {
            bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw ApiException.invalid("the upload could not be read");
        }
        if (bytes.length > maxBytes) {
            throw new ApiException(ApiException.Kind.TOO_LARGE, "file over " + maxBytes + " bytes");
        }
        try {
            return services.hasher().hash(bytes);
        } catch (ImageRejectedException e) {
            ApiException.Kind kind = switch (e.kind()) {
                case TOO_LARGE -> ApiException.Kind.TOO_LARGE;
                case UNSUPPORTED_FORMAT -> ApiException.Kind.UNSUPPORTED_MEDIA;
                default -> ApiException.Kind.INVALID;
            };
            throw new ApiException(kind, "image rejected (" + e.kind().label() + "): " + e.getMessage());
        }
    }
}
