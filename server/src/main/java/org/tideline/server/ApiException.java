package org.tideline.server;

/**
 * A request that cannot be carried out, with the HTTP status it answers and a message safe to show the caller.
 * Services throw it after rolling back, so a refused request has changed nothing.
 */
public final class ApiException extends RuntimeException {

    /** The closed set of refusals, each with its HTTP status. */
    public enum Kind {
        INVALID(400),
        UNAUTHORISED(401),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        TOO_LARGE(413),
        UNSUPPORTED_MEDIA(415),
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public ApiException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ApiException invalid(String message) {
        return new ApiException(Kind.INVALID, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Kind.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(Kind.CONFLICT, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(Kind.FORBIDDEN, message);
    }
}
