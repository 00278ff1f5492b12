package org.tideline.server.access;

/**
 * A freshly created API key. The secret exists only here: the database keeps its SHA-256, so it is shown once.
 *
 * @param secret the bearer token, {@code tl_} followed by 43 base64url characters (256 random bits)
 */
public record NewApiKey(long id, String organisation, Role role, String secret) {
    @Override
    public String toString() {
        return "NewApiKey[id=" + id + ", organisation=" + organisation + ", role=" + role + "]";
    }
}
