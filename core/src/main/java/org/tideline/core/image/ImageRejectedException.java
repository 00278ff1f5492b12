package org.tideline.core.image;

import java.util.Objects;

/**
 * A file that will not be hashed, and why. The {@link Kind} is the typed part callers switch on; the message is
 * for people and never contains image data or the file's location.
 */
public final class ImageRejectedException extends Exception {

    /** The closed set of reasons a file is refused. */
    public enum Kind {
        /** Not an image format Tideline decodes (JPEG, PNG, GIF, BMP, WebP, TIFF), whatever its name says. */
        UNSUPPORTED_FORMAT("unsupported-format"),
        /** Truncated, inconsistent or undecodable data, or an empty file. */
        CORRUPT("corrupt"),
        /** Over a byte or pixel limit (checked from the header before decoding) or the memory available. */
        TOO_LARGE("too-large"),
        /** Smaller than PDQ can hash (under 5 pixels on a side). */
        TOO_SMALL("too-small"),
        /** Decoding did not finish within the time limit. */
        TOO_SLOW("too-slow"),
        /** The file could not be read (missing, permissions, I/O error). */
        UNREADABLE("unreadable");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Stable lower-case name used in CLI output and APIs. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;

    public ImageRejectedException(Kind kind, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ImageRejectedException(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind.label() + ": " + getMessage();
    }
}
