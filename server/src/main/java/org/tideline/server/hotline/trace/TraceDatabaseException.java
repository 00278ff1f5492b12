package org.tideline.server.hotline.trace;

/**
 * A configured MaxMind-format database could not be opened: missing after all, unreadable, not a MaxMind DB file, or
 * not the kind the setting names (an ASN database where a country database was expected). Thrown at start-up, so a
 * broken file is found by the operator when it is configured rather than as silently empty traces later.
 */
public final class TraceDatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TraceDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    TraceDatabaseException(String message) {
        super(message);
    }
}
