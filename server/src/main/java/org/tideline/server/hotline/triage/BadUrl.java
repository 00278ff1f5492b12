package org.tideline.server.hotline.triage;

/**
 * A reported text that is not a URL Tideline can triage. The message names the {@link Problem} only and never quotes
 * the input: a reported URL may lead to abuse material, and exception messages end up in logs. For the same reason
 * a {@code BadUrl} never carries a cause (JDK parsers put their input in their own messages).
 */
public final class BadUrl extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What is wrong, in terms a reporter can act on; {@link #name()} is a stable code for APIs and counters. */
    public enum Problem {
        EMPTY("the URL is empty"),
        TOO_LONG("the URL is longer than " + UrlNormaliser.MAX_LENGTH + " characters"),
        CONTROL_CHARACTER("the URL contains control characters"),
        INVALID_UNICODE("the URL contains invalid Unicode"),
        UNSUPPORTED_SCHEME("only http and https URLs can be reported"),
        NO_HOST("the URL has no host"),
        BAD_HOST("the URL's host is not a valid host name or IP address"),
        BAD_PORT("the URL's port is not a number from 0 to 65535");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Problem problem;

    public BadUrl(Problem problem) {
        super(problem.description());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
