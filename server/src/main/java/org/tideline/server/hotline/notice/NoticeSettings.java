package org.tideline.server.hotline.notice;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * How notices are sent and how often: the {@code notice.*} keys of the hotline's settings file (docs/hotline.md).
 *
 * @param smtpHost the mail server notices are handed to (usually the hotline's own submission server); empty = no
 *     e-mail notices
 * @param smtpPort 587 (submission) by default
 * @param startTls upgrade to TLS before anything else is said; on by default, since a notice names the URLs of
 *     abuse material. Credentials are never sent over a connection without TLS except to a loopback address
 * @param username for AUTH PLAIN; with {@code password}, both or neither
 * @param password never in {@link #toString()}
 * @param from the envelope sender and From address; required with an SMTP host. Asynchronous bounces come back here
 * @param replyTo where the provider's answers should go, if not to {@code from}
 * @param resendInterval how long to wait for removal before the next notice (the caller schedules it)
 * @param escalateAfter attempts with the normal wording; later ones are escalations ({@link #escalates(int)})
 * @param templates a directory of extra or replacement templates ({@link NoticeTemplates#load(Path)})
 */
public record NoticeSettings(
        Optional<String> smtpHost,
        int smtpPort,
        boolean startTls,
        Optional<String> username,
        Optional<String> password,
        Optional<String> from,
        Optional<String> replyTo,
        Duration resendInterval,
        int escalateAfter,
        Optional<Path> templates) {

    /** Every key {@link #fromProperties} reads, so a settings loader can accept them and refuse the rest. */
    public static final Set<String> KEYS = Set.of("notice.smtp.host", "notice.smtp.port", "notice.smtp.starttls",
            "notice.smtp.user", "notice.smtp.password", "notice.from", "notice.reply-to", "notice.resend.hours",
            "notice.escalate.after", "notice.templates");

    public NoticeSettings {
        Objects.requireNonNull(smtpHost, "smtpHost").ifPresent(h -> SafeText.nonBlankLine("notice.smtp.host", h));
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new IllegalArgumentException("notice.smtp.port must be between 1 and 65535");
        }
        Objects.requireNonNull(username, "username").ifPresent(u -> SafeText.nonBlankLine("notice.smtp.user", u));
        Objects.requireNonNull(password, "password").ifPresent(p -> SafeText.line("notice.smtp.password", p));
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("notice.smtp.user and notice.smtp.password go together");
        }
        Objects.requireNonNull(from, "from").ifPresent(f -> SafeText.address("notice.from", f));
        Objects.requireNonNull(replyTo, "replyTo").ifPresent(r -> SafeText.address("notice.reply-to", r));
        if (smtpHost.isPresent() && from.isEmpty()) {
            throw new IllegalArgumentException("notice.from is required with notice.smtp.host");
        }
        Objects.requireNonNull(resendInterval, "resendInterval");
        if (resendInterval.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("notice.resend.hours must be at least 1");
        }
        if (escalateAfter < 1) {
            throw new IllegalArgumentException("notice.escalate.after must be at least 1");
        }
        Objects.requireNonNull(templates, "templates");
    }

    /** No e-mail, resend every 24 hours, escalate from the fourth notice. */
    public static NoticeSettings defaults() {
        return new NoticeSettings(Optional.empty(), 587, true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofHours(24), 3, Optional.empty());
    }

    /** Whether notice number {@code attempt} (from 1) uses the escalation wording: after {@code escalateAfter}. */
    public boolean escalates(int attempt) {
        return attempt > escalateAfter;
    }

    public NoticeSettings withSmtp(String host, int port, boolean tls, String fromAddress) {
        return new NoticeSettings(Optional.of(host), port, tls, username, password, Optional.of(fromAddress),
                replyTo, resendInterval, escalateAfter, templates);
    }

    public NoticeSettings withCredentials(String user, String secret) {
        return new NoticeSettings(smtpHost, smtpPort, startTls, Optional.of(user), Optional.of(secret), from,
                replyTo, resendInterval, escalateAfter, templates);
    }

    /**
     * Reads the {@code notice.*} keys of a settings file; other keys are left to their owners. A {@code notice.*}
     * key that is not one of {@link #KEYS} is refused, so a misspelt setting is not silently ignored.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     */
    public static NoticeSettings fromProperties(Properties p) {
        Set<String> unknown = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("notice.") && !KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown notice setting(s) " + unknown + "; see docs/hotline.md");
        }
        NoticeSettings d = defaults();
        return new NoticeSettings(
                text(p, "notice.smtp.host"),
                number(p, "notice.smtp.port", d.smtpPort()),
                flag(p, "notice.smtp.starttls", d.startTls()),
                text(p, "notice.smtp.user"),
                // A password is taken as written: leading or trailing spaces may be part of it.
                Optional.ofNullable(p.getProperty("notice.smtp.password")).filter(s -> !s.isEmpty()),
                text(p, "notice.from"),
                text(p, "notice.reply-to"),
                Duration.ofHours(number(p, "notice.resend.hours", (int) d.resendInterval().toHours())),
                number(p, "notice.escalate.after", d.escalateAfter()),
                text(p, "notice.templates").map(Path::of));
    }

    private static Optional<String> text(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static int number(Properties p, String key, int fallback) {
        Optional<String> v = text(p, key);
        try {
            return v.isEmpty() ? fallback : Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("notice setting " + key + " must be a whole number");
        }
    }

    private static boolean flag(Properties p, String key, boolean fallback) {
        Optional<String> v = text(p, key).map(s -> s.toLowerCase(Locale.ROOT));
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("notice setting " + key + " must be true or false");
        };
    }

    @Override
    public String toString() {
        // No password, and no addresses: settings get printed at start-up.
        return "NoticeSettings[smtp=" + smtpHost.map(h -> h + ":" + smtpPort + (startTls ? " starttls" : " plain"))
                .orElse("none") + ", auth=" + (username.isPresent() ? "plain" : "none") + ", from="
                + (from.isPresent() ? "set" : "none") + ", replyTo=" + (replyTo.isPresent() ? "set" : "none")
                + ", resend=" + resendInterval.toHours() + "h, escalateAfter=" + escalateAfter + ", templates="
                + (templates.isPresent() ? "custom" : "built-in") + "]";
    }
}
