package org.tideline.server.hotline.notice;

import java.util.Objects;
import java.util.Optional;

/**
 * The hotline a notice comes from, as the recipient should see it.
 *
 * @param name how the hotline is known (e.g. "Telefono Azzurro - Clicca e Segnala")
 * @param contact the e-mail address the provider should answer to; its domain also names the notices' Message-IDs
 * @param website shown under the signature, so the recipient can check who the hotline is
 */
public record HotlineIdentity(String name, String contact, Optional<String> website) {

    public HotlineIdentity {
        SafeText.nonBlankLine("hotline name", name);
        SafeText.address("hotline contact", contact);
        Objects.requireNonNull(website, "website");
        website.ifPresent(w -> SafeText.url("hotline website", w));
    }
}
