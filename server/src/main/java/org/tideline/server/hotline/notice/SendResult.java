package org.tideline.server.hotline.notice;

import java.util.Objects;

/**
 * What became of one attempt to send a notice. A transport sends once and never throws for a delivery problem;
 * what to do next is the caller's (the job runner that schedules notices), and the result says which:
 *
 * <ul>
 *   <li>{@link Accepted}: record it and wait for removal;
 *   <li>{@link Failed} of kind {@link Failed.Kind#BOUNCE}: the recipient refused it for good (a mail server's 5xx
 *       to the recipient or the message; a webhook's 4xx), so the contact is wrong: trace again, find another;
 *   <li>{@link Failed.Kind#TEMPORARY}: nothing is known to have arrived (4xx, no connection, timeout, HTTP 5xx):
 *       try again later with the same attempt number, and so the same Message-ID;
 *   <li>{@link Failed.Kind#CONFIGURATION}: the hotline's own side is wrong (the relay refuses our credentials or
 *       sender, TLS is required but not offered, the webhook refuses our token): an operator must act; retrying
 *       unchanged will not help, and looking for another contact would be wrong.
 * </ul>
 *
 * <p>Replies and details are for the record and the analysts: one line, with addresses and URLs replaced.
 */
public sealed interface SendResult {

    /** The server's reply or a short reason; never an address or a URL. */
    String detail();

    /**
     * The recipient's system took the notice.
     *
     * @param messageId the Message-ID the notice was sent with
     * @param reply the final reply (for mail, often with the server's queue id), redacted
     */
    record Accepted(String messageId, String reply) implements SendResult {
        public Accepted {
            Objects.requireNonNull(messageId, "messageId");
            reply = SafeText.redact(reply);
        }

        @Override
        public String detail() {
            return reply;
        }
    }

    /** The notice was not delivered; {@link #kind()} says whether and how to try again. */
    record Failed(Kind kind, String detail) implements SendResult {

        public enum Kind {
            /** Refused for good by the recipient's side: find another contact. */
            BOUNCE,
            /** Not delivered this time: try again later. */
            TEMPORARY,
            /** Our own configuration is refused: an operator must act. */
            CONFIGURATION
        }

        public Failed {
            Objects.requireNonNull(kind, "kind");
            detail = SafeText.redact(detail);
        }

        /** Whether trying the same thing again is pointless. */
        public boolean permanent() {
            return kind != Kind.TEMPORARY;
        }

        static Failed bounce(String detail) {
            return new Failed(Kind.BOUNCE, detail);
        }

        static Failed temporary(String detail) {
            return new Failed(Kind.TEMPORARY, detail);
        }

        static Failed configuration(String detail) {
            return new Failed(Kind.CONFIGURATION, detail);
        }
    }
}
