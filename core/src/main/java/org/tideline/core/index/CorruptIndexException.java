package org.tideline.core.index;

import java.io.IOException;

/**
 * An index file that is not what it claims to be: truncated, a checksum that does not match, an unknown format.
 * Thrown when opening, so that a damaged index is refused instead of answering wrongly.
 */
public final class CorruptIndexException extends IOException {

    public CorruptIndexException(String message) {
        super(message);
    }

    public CorruptIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
