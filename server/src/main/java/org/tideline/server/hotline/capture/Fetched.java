package org.tideline.server.hotline.capture;

import java.util.Optional;

/**
 * One resource fetched on its own, for checks that only need to know whether something is still there (removal
 * checks, re-checks for material coming back).
 *
 * @param finalUrl the URL after redirects
 * @param status the final HTTP status, whatever it is: 404 and 410 are answers here, not failures
 * @param contentType the declared media type, lower case, without parameters, when there is one
 * @param body the body when the status is a success and the type is an allowed page or media type; empty otherwise
 */
public record Fetched(String finalUrl, int status, Optional<String> contentType, byte[] body) {

    /** The server says the resource is gone: 404 Not Found or 410 Gone. */
    public boolean absent() {
        return status == 404 || status == 410;
    }
}
