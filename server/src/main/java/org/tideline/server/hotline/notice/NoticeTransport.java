package org.tideline.server.hotline.notice;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * Delivers a {@link NoticeMessage} once and says what happened ({@link SendResult}). A transport never retries,
 * never throws for a delivery problem, and logs nothing: scheduling, re-sending every
 * {@link NoticeSettings#resendInterval()} and recording each result belong to the caller.
 */
public sealed interface NoticeTransport permits SmtpTransport, WebhookTransport {

    /** Sends the message to its notice's recipient. */
    SendResult send(NoticeMessage message);

    /**
     * E-mail through the SMTP server in the settings, to the notice's recipient address.
     *
     * @throws IllegalArgumentException if the settings name no SMTP host
     */
    static NoticeTransport smtp(NoticeSettings settings) {
        return new SmtpTransport(settings, (SSLSocketFactory) SSLSocketFactory.getDefault(), Clock.systemUTC(),
                SmtpTransport.Timeouts.DEFAULT);
    }

    /**
     * A JSON POST to a webhook (a provider's abuse intake, a ticketing bridge), with an optional bearer token. The
     * endpoint must be https (http only to a loopback address), since a notice names the URLs of abuse material.
     */
    static NoticeTransport webhook(URI endpoint, Optional<String> bearerToken) {
        return new WebhookTransport(endpoint, bearerToken, WebhookTransport.TIMEOUT);
    }
}
