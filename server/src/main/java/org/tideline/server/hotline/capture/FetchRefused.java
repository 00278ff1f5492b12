package org.tideline.server.hotline.capture;

import java.util.OptionalInt;

/**
 * The fetcher would not, or could not, fetch a resource. The message says why in words fit for a log line: it never
 * contains the URL, the host name or anything the server sent, because a reported URL may itself point at abuse
 * material and messages end up in logs. For the same reason no cause is attached (the JDK's exceptions name hosts).
 */
public final class FetchRefused extends Exception {

    /** Why a fetch was refused. */
    public enum Reason {
        /** Not an absolute http or https URL the fetcher accepts (other schemes, credentials, malformed). */
        BAD_URL,
        /**
         * The host is, or resolves to, an address the fetcher must not reach (private, loopback, ...), or the port is
         * one browsers refuse.
         */
        BLOCKED_ADDRESS,
        /** The host name does not resolve. */
        UNRESOLVABLE,
        /** No connection could be made, the TLS handshake or certificate failed, or the connection broke. */
        CONNECTION_FAILED,
        /** The server was too slow: no data within the read timeout, or the capture ran past its total time. */
        TOO_SLOW,
        /** The response was larger than the limit for its kind, or than what was left of the capture's budget. */
        TOO_LARGE,
        /** More redirects than the policy allows (or a loop). */
        TOO_MANY_REDIRECTS,
        /** The declared content type is not allowed, is missing, or the bytes are not what it declares. */
        BAD_CONTENT_TYPE,
        /** The server broke HTTP/1.1 (bad status line or headers, ambiguous framing, truncated body, compression). */
        BAD_RESPONSE,
        /** The server answered 404 Not Found or 410 Gone: what a removal check looks for. */
        NOT_FOUND,
        /** Any other status that is neither success nor a redirect; {@link #status()} has it. */
        HTTP_ERROR,
        /** The page links more media than the policy's item limit; the item was not fetched. */
        TOO_MANY_ITEMS
    }

    private final Reason reason;
    private final int status;

    FetchRefused(Reason reason, String message) {
        this(reason, message, 0);
    }

    private FetchRefused(Reason reason, String message, int status) {
        // No stack trace: these are expected outcomes of fetching hostile input, not bugs.
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
        this.status = status;
    }

    /** A final status that is neither success nor a redirect: {@link Reason#NOT_FOUND} for 404 and 410. */
    static FetchRefused forStatus(int status) {
        boolean gone = status == 404 || status == 410;
        return new FetchRefused(gone ? Reason.NOT_FOUND : Reason.HTTP_ERROR, "the server answered " + status, status);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status, for {@link Reason#NOT_FOUND} and {@link Reason#HTTP_ERROR}. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
