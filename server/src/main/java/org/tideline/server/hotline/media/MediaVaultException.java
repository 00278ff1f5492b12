package org.tideline.server.hotline.media;

import java.util.Objects;

/**
 * A media item that cannot be read, and why. Unchecked, because it is raised inside {@code Database.transaction}
 * work. The message names the item by id and never contains media.
 */
public final class MediaVaultException extends RuntimeException {

    /** The closed set of reasons. */
    public enum Kind {
        /** Encrypted with another key than the one configured (the message gives both fingerprints). */
        WRONG_KEY,
        /** The ciphertext fails its integrity check: altered, truncated, or moved from another row. */
        TAMPERED,
        /** Destroyed, or past its retention and awaiting destruction: its content is gone for good. */
        DESTROYED
    }

    private final Kind kind;
    private final long mediaId;

    MediaVaultException(Kind kind, long mediaId, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.mediaId = mediaId;
    }

    public Kind kind() {
        return kind;
    }

    public long mediaId() {
        return mediaId;
    }
}
