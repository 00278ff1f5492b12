package org.tideline.server.hotline.media;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One decrypted media item. The array is handed over, not copied: the caller owns the only plaintext copy the vault
 * made and should {@link #wipe()} it once done (the vault keeps none).
 *
 * @param orgId  the organisation the item belongs to; callers check it against the caller's before use
 * @param sha256 hex SHA-256 of {@code bytes}, checked on read
 */
public record StoredMedia(long id, long orgId, String contentType, byte[] bytes, String sha256, Instant storedAt) {

    public StoredMedia {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(storedAt, "storedAt");
    }

    /** Overwrites the plaintext with zeros. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    /** Never the content: an accidental log line must not carry media. */
    @Override
    public String toString() {
        return "StoredMedia[id=" + id + ", org=" + orgId + ", " + contentType + ", " + bytes.length + " bytes, sha256="
                + sha256 + "]";
    }
}
