package org.tideline.server.hotline.triage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A reported URL in canonical form, as {@link UrlNormaliser#normalise(String)} makes it: two reports of the same page
 * written differently have equal values. Build it with the normaliser; the constructor only checks the shape, so a
 * value read back from storage is best passed through the normaliser again (it is idempotent).
 *
 * <p>{@link #url()} identifies a page; it is not always what a capture should fetch: fragments are dropped (see
 * docs/hotline-triage.md), and some file-sharing sites keep the decryption key there. Capture uses the URL as
 * reported.
 *
 * <p>{@link #toString()} shows the {@link #key()} only, so that logging a value by mistake leaks no URL.
 *
 * @param url  the canonical URL, {@code http} or {@code https}
 * @param host its canonical host: lower-case ASCII (IDN in punycode), a dotted-quad IPv4 address, or an IPv6
 *             address in brackets in RFC 5952 form
 */
public record NormalisedUrl(String url, String host) {

    public NormalisedUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("a normalised URL is http or https");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a normalised URL has a host");
        }
    }

    /**
     * SHA-256 of the canonical URL's UTF-8 bytes, 64 lower-case hex digits: the key reports are de-duplicated and
     * known-URL lists are matched by, so that those lookups index a digest rather than the URL itself.
     */
    public String key() {
        return sha256Hex(url);
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "NormalisedUrl[key=" + key() + "]";
    }
}
