package org.tideline.server.hotline;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The law-enforcement recipient of referrals (and, in forward-only mode, of every report).
 *
 * @param webhook where the report is POSTed as JSON; empty when the deployment hands referrals over by other means,
 *     in which case each referral is recorded (what and when) and listed for the analysts to send by hand
 * @param token sent as {@code Authorization: Bearer} to the webhook; never logged
 */
public record ForwardRecipient(String name, Optional<URI> webhook, Optional<String> token) {

    public ForwardRecipient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(token, "token");
    }

    public static ForwardRecipient none() {
        return new ForwardRecipient("law enforcement", Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "ForwardRecipient[" + name + (webhook.isPresent() ? ", webhook" : ", by hand") + "]";
    }
}
