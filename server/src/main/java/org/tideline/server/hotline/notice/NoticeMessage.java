package org.tideline.server.hotline.notice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A notice put into words, ready for a transport: the subject, the plain-text body, and the headers that identify
 * it. The transports add what depends on how it travels (Date, From, To, the MIME headers for e-mail).
 *
 * <p>Plain text only, deliberately: abuse desks file notices into ticket systems that read text best, and an HTML
 * part would turn the reported URLs into links one click away from the material.
 *
 * @param headers in order; by default {@code Message-ID}, {@code Auto-Submitted: auto-generated} (RFC 3834: no
 *     vacation replies), {@code X-Tideline-Reference} and {@code X-Tideline-Attempt}
 */
public record NoticeMessage(Notice notice, String subject, String text, SequencedMap<String, String> headers) {

    private static final int MAX_HEADER = 900;
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]{1,64}");
    /** Set by the transports; a notice cannot carry its own, so it cannot add a recipient or change the format. */
    private static final Set<String> RESERVED = Set.of("from", "to", "cc", "bcc", "reply-to", "sender", "subject",
            "date", "mime-version", "return-path");

    public NoticeMessage {
        Objects.requireNonNull(notice, "notice");
        SafeText.nonBlankLine("subject", subject);
        if (subject.length() > MAX_HEADER) {
            throw new IllegalArgumentException("subject is longer than " + MAX_HEADER + " characters");
        }
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException("text contains a control character");
            }
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a header name: " + name.replaceAll("[^!-~]", "?"));
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED.contains(lower) || lower.startsWith("content-")) {
                throw new IllegalArgumentException("header " + name + " is set by the transport");
            }
            copy.put(name, SafeText.line("header " + name, value, MAX_HEADER));
        });
        if (!copy.containsKey("Message-ID")) {
            throw new IllegalArgumentException("a notice message needs a Message-ID");
        }
        headers = Collections.unmodifiableSequencedMap(copy);
    }

    /** {@code <notice-ID.ATTEMPT.KIND@DOMAIN>}: the same for every send of one attempt, different for the next. */
    public static String messageIdOf(Notice notice) {
        return "<notice-" + notice.id() + "." + notice.attempt() + "." + notice.recipient().kind().name()
                .toLowerCase(Locale.ROOT) + "@" + SafeText.domainOf(notice.hotline().contact()) + ">";
    }

    public String messageId() {
        return headers.get("Message-ID");
    }

    @Override
    public String toString() {
        return "NoticeMessage[" + notice + " " + messageId() + "]";
    }
}
