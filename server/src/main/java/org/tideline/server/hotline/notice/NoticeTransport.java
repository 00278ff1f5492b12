package org.tideline.server.hotline.notice;

import java.time.Clock;
import javax.net.ssl.SSLSocketFactory;

/**
 * Delivers a {@link NoticeMessage} once and says what happened ({@link SendResult}). A transport never retries,
 * never throws for a delivery problem, and logs nothing: scheduling, re-sending every
 * {@link NoticeSettings#resendInterval()} and recording each result belong to the caller.
 */
public sealed interface NoticeTransport permits SmtpTransport {

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
}
