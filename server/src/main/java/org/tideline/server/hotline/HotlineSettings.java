package org.tideline.server.hotline;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deployment's hotline configuration, read from a properties file ({@code ./tideline serve --hotline FILE};
 * docs/hotline.md lists every key). Everything has a default, so a new deployment runs an assessing hotline at once.
 *
 * @param organisation the organisation that runs the hotline; empty = the deployment's operating organisation
 * @param country the hotline's own country (ISO 3166 alpha-2), which picks the helplines shown first
 * @param mediaKeyFile the AES key for captured media; empty = {@code DATA/hotline-media.key}, created on first use
 * @param retention how long captured media is kept before it is destroyed
 * @param captureAllow CIDR ranges the fetcher may reach although they are private (test servers, an intranet)
 * @param sessionRevealLimit reveals after which an analyst is asked to take a break before revealing more
 * @param breakLength how long that break lasts
 * @param reportsPerDay public reports accepted per reporter (salted daily hash) and day
 * @param bank the bank that confirmed items are added to (created on first use, private to the hotline)
 */
public record HotlineSettings(
        HotlineMode mode,
        Optional<String> organisation,
        String country,
        List<Helpline> helplines,
        ForwardRecipient forward,
        Optional<Path> mediaKeyFile,
        Duration retention,
        List<String> captureAllow,
        int sessionRevealLimit,
        Duration breakLength,
        int reportsPerDay,
        String bank) {

    /** Public helplines, shown when the configuration names none. */
    static final List<Helpline> DEFAULT_HELPLINES = List.of(
            new Helpline("IT", "Telefono Azzurro", "19696", "https://azzurro.it"),
            new Helpline("GB", "Childline", "0800 1111", "https://www.childline.org.uk"),
            new Helpline("*", "Child Helpline International", "", "https://childhelplineinternational.org/helplines/"));

    public HotlineSettings {
        helplines = List.copyOf(helplines);
        captureAllow = List.copyOf(captureAllow);
        if (sessionRevealLimit < 1) {
            throw new IllegalArgumentException("analyst.session.reveals must be at least 1");
        }
        if (reportsPerDay < 1) {
            throw new IllegalArgumentException("intake.reports.per.day must be at least 1");
        }
    }

    public static HotlineSettings defaults() {
        return new HotlineSettings(HotlineMode.ASSESS, Optional.empty(), "", DEFAULT_HELPLINES,
                ForwardRecipient.none(), Optional.empty(), Duration.ofDays(90), List.of(), 40,
                Duration.ofMinutes(10), 20, "HOTLINE_CONFIRMED");
    }

    public HotlineSettings withMode(HotlineMode value) {
        return new HotlineSettings(value, organisation, country, helplines, forward, mediaKeyFile, retention,
                captureAllow, sessionRevealLimit, breakLength, reportsPerDay, bank);
    }

    public HotlineSettings withCaptureAllow(List<String> value) {
        return new HotlineSettings(mode, organisation, country, helplines, forward, mediaKeyFile, retention, value,
                sessionRevealLimit, breakLength, reportsPerDay, bank);
    }

    public HotlineSettings withForward(ForwardRecipient value) {
        return new HotlineSettings(mode, organisation, country, helplines, value, mediaKeyFile, retention,
                captureAllow, sessionRevealLimit, breakLength, reportsPerDay, bank);
    }

    public HotlineSettings withExposure(int reveals, Duration breakTime) {
        return new HotlineSettings(mode, organisation, country, helplines, forward, mediaKeyFile, retention,
                captureAllow, reveals, breakTime, reportsPerDay, bank);
    }

    public HotlineSettings withReportsPerDay(int value) {
        return new HotlineSettings(mode, organisation, country, helplines, forward, mediaKeyFile, retention,
                captureAllow, sessionRevealLimit, breakLength, value, bank);
    }

    /** The helplines to show a reporter: the hotline's country first, then the rest, then the worldwide ones. */
    public List<Helpline> helplinesFor(String preferredCountry) {
        List<Helpline> ordered = new ArrayList<>();
        String first = preferredCountry == null || preferredCountry.isBlank() ? country : preferredCountry;
        helplines.stream().filter(h -> h.country().equalsIgnoreCase(first)).forEach(ordered::add);
        helplines.stream().filter(h -> !ordered.contains(h) && !h.country().equals("*")).forEach(ordered::add);
        helplines.stream().filter(h -> h.country().equals("*")).forEach(ordered::add);
        return ordered;
    }

    private static final Set<String> KEYS = Set.of("mode", "organisation", "country", "forward.recipient",
            "forward.url", "forward.token", "media.key.file", "media.retention.days", "capture.allow",
            "analyst.session.reveals", "analyst.break.minutes", "intake.reports.per.day", "bank");

    /**
     * Reads a properties file (UTF-8). Unknown keys are refused, so a misspelt setting is not silently ignored.
     *
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     */
    public static HotlineSettings load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Set<String> unknown = new TreeSet<>();
        List<Helpline> helplines = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("helpline.")) {
                helplines.add(helpline(key, p.getProperty(key)));
            } else if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown hotline setting(s) " + unknown + " in " + file
                    + "; see docs/hotline.md");
        }
        HotlineSettings d = defaults();
        helplines.sort(java.util.Comparator.comparing(Helpline::country).thenComparing(Helpline::name));
        Optional<String> forwardUrl = text(p, "forward.url");
        ForwardRecipient forward = new ForwardRecipient(
                text(p, "forward.recipient").orElse(d.forward().name()),
                forwardUrl.map(u -> uri("forward.url", u)),
                text(p, "forward.token"));
        return new HotlineSettings(
                text(p, "mode").map(HotlineMode::parse).orElse(d.mode()),
                text(p, "organisation"),
                text(p, "country").map(c -> c.toUpperCase(Locale.ROOT)).orElse(d.country()),
                helplines.isEmpty() ? d.helplines() : helplines,
                forward,
                text(p, "media.key.file").map(Path::of),
                Duration.ofDays(number(p, "media.retention.days", 90)),
                text(p, "capture.allow").map(v -> Arrays.stream(v.split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList()).orElse(List.of()),
                number(p, "analyst.session.reveals", d.sessionRevealLimit()),
                Duration.ofMinutes(number(p, "analyst.break.minutes", 10)),
                number(p, "intake.reports.per.day", d.reportsPerDay()),
                text(p, "bank").orElse(d.bank()));
    }

    /** {@code helpline.IT.1 = Telefono Azzurro | 19696 | https://azzurro.it}. */
    private static Helpline helpline(String key, String value) {
        String[] parts = key.split("\\.");
        String[] fields = value.split("\\|", -1);
        if (parts.length < 2 || fields.length < 1 || fields[0].isBlank()) {
            throw new IllegalArgumentException("bad helpline setting " + key
                    + ": expected helpline.CC[.n] = name | phone | url");
        }
        return new Helpline(parts[1].toUpperCase(Locale.ROOT), fields[0].trim(),
                fields.length > 1 ? fields[1].trim() : "", fields.length > 2 ? fields[2].trim() : "");
    }

    private static Optional<String> text(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static int number(Properties p, String key, int fallback) {
        Optional<String> v = text(p, key);
        try {
            return v.isEmpty() ? fallback : Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hotline setting " + key + " must be a whole number");
        }
    }

    private static URI uri(String key, String value) {
        try {
            URI u = URI.create(value);
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
                throw new IllegalArgumentException(key + " must be an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hotline setting " + key + " is not a valid URL");
        }
    }
}
