package org.tideline.server.hotline.notice;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One notice-and-takedown message to one recipient, before it is put into words.
 *
 * @param id the caller's stable identifier of this notice (e.g. the takedown's id); with the attempt and the
 *     recipient kind it makes the Message-ID, so a resend of the same attempt is recognisably the same message
 * @param recipient who gets it
 * @param language the template language (see {@link NoticeTemplates#languages()})
 * @param reference the hotline's reference, quoted in the subject and in every reply
 * @param urls the reported URLs, named as text: the recipient cannot find the material otherwise
 * @param category what the hotline assessed it as
 * @param firstReported when the hotline first received a report of it
 * @param attempt 1 for the first notice to this recipient about this material, then 2, 3, ...
 * @param escalation whether to use the escalation wording (see {@link NoticeSettings#escalates(int)})
 * @param hotline who sends it
 */
public record Notice(
        String id,
        Recipient recipient,
        String language,
        String reference,
        List<String> urls,
        NoticeCategory category,
        Instant firstReported,
        int attempt,
        boolean escalation,
        HotlineIdentity hotline) {

    /** Notices per message; a page with more URLs is one notice per batch. */
    public static final int MAX_URLS = 100;

    /** Identifiers and references go into Message-IDs and headers, so they are kept to unremarkable characters. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    public Notice {
        token("notice id", id);
        Objects.requireNonNull(recipient, "recipient");
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("language must be a lower-case ISO 639 code such as en or it");
        }
        token("reference", reference);
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty() || urls.size() > MAX_URLS) {
            throw new IllegalArgumentException("a notice names 1 to " + MAX_URLS + " URLs");
        }
        for (int i = 0; i < urls.size(); i++) {
            SafeText.url("url " + (i + 1), urls.get(i));
        }
        urls = List.copyOf(urls);
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(firstReported, "firstReported");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
        Objects.requireNonNull(hotline, "hotline");
    }

    private static void token(String field, String value) {
        SafeText.line(field, value, 64);
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " may only contain letters, digits, '.', '_' and '-'");
        }
    }

    @Override
    public String toString() {
        // No URLs and no address: this is what ends up in a log line.
        return "Notice[" + id + " " + reference + " attempt " + attempt + (escalation ? " escalation" : "") + " to "
                + recipient.kind() + ", " + urls.size() + " URL(s), " + language + "]";
    }
}
