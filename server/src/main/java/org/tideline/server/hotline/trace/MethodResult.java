package org.tideline.server.hotline.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * How one method of the trace went, kept with the trace so that a referral or notice can say how the hosting was
 * established, and so that a trace made without a database is not mistaken for one that found nothing.
 *
 * @param method DNS, ASN_DB, COUNTRY_DB, CDN or RDAP
 * @param detail a short explanation (database build, counts, failure reason); never a host name or URL
 */
public record MethodResult(String method, Status status, String detail, Instant at) {

    public static final String DNS = "DNS";
    public static final String ASN_DB = "ASN_DB";
    public static final String COUNTRY_DB = "COUNTRY_DB";
    public static final String CDN = "CDN";
    public static final String RDAP = "RDAP";

    /** OK: the method ran (it may still have found nothing); UNAVAILABLE: not configured or not applicable. */
    public enum Status { OK, UNAVAILABLE, FAILED }

    public MethodResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }
}
