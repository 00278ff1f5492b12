package org.tideline.server.hotline.notice;

import java.util.Objects;

/**
 * Where a notice goes: the kind of provider and its abuse contact's e-mail address (ASCII; an internationalised
 * domain as punycode). A webhook transport sends to its own endpoint and passes the address along in the JSON.
 */
public record Recipient(RecipientKind kind, String address) {

    public Recipient {
        Objects.requireNonNull(kind, "kind");
        SafeText.address("recipient address", address);
    }

    @Override
    public String toString() {
        // Records print their fields; an address must not reach a log line through a careless "+ recipient".
        return "Recipient[" + kind + "]";
    }
}
