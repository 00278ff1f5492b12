package org.tideline.server.store;

/** The database failed or refused an operation; the transaction was rolled back. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
