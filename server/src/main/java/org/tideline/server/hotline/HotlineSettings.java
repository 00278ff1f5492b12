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
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tideline.server.classification.ConfiguredRule;
import org.tideline.server.classification.Scheme;
import org.tideline.server.classification.VerdictRule;

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
 * @param national the deployment's national-law scheme ({@code national.*} keys), derived after the built-in ones
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
        String bank,
        Optional<VerdictRule> national,
        org.tideline.server.hotline.takedown.TakedownSettings takedown) {

    /** Public helplines, shown when the configuration names none. */
    static final List<Helpline> DEFAULT_HELPLINES = List.of(
            new Helpline("IT", "Telefono Azzurro", "19696", "https://azzurro.it"),
            new Helpline("GB", "Childline", "0800 1111", "https://www.childline.org.uk"),
            new Helpline("*", "Child Helpline International", "", "https://childhelplineinternational.org/helplines/"));

    public HotlineSettings {
        helplines = List.copyOf(helplines);
        captureAllow = List.copyOf(captureAllow);
        Objects.requireNonNull(national, "national");
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
                Duration.ofMinutes(10), 20, "HOTLINE_CONFIRMED", Optional.empty(),
                org.tideline.server.hotline.takedown.TakedownSettings.defaults());
    }

    public HotlineSettings withMode(HotlineMode value) {
        return new HotlineSettings(value, organisation, country, helplines, forward, mediaKeyFile, retention,
                captureAllow, sessionRevealLimit, breakLength, reportsPerDay, bank, national, takedown);
    }

    public HotlineSettings withCaptureAllow(List<String> value) {
        return new HotlineSettings(mode, organisation, country, helplines, forward, mediaKeyFile, retention, value,
                sessionRevealLimit, breakLength, reportsPerDay, bank, national, takedown);
    }

    public HotlineSettings withForward(ForwardRecipient value) {
        return new HotlineSettings(mode, organisation, country, helplines, value, mediaKeyFile, retention,
                captureAllow, sessionRevealLimit, breakLength, reportsPerDay, bank, national, takedown);
    }

    public HotlineSettings withExposure(int reveals, Duration breakTime) {
        return new HotlineSettings(mode, organisation, country, helplines, forward, mediaKeyFile, retention,
                captureAllow, reveals, breakTime, reportsPerDay, bank, national, takedown);
    }

    public HotlineSettings withReportsPerDay(int value) {
        return new HotlineSettings(mode, organisation, country, helplines, forward, mediaKeyFile, retention,
                captureAllow, sessionRevealLimit, breakLength, value, bank, national, takedown);
    }

    public HotlineSettings withTakedown(org.tideline.server.hotline.takedown.TakedownSettings value) {
        return new HotlineSettings(mode, organisation, country, helplines, forward, mediaKeyFile, retention,
                captureAllow, sessionRevealLimit, breakLength, reportsPerDay, bank, national, value);
    }

    public HotlineSettings withNational(VerdictRule value) {
        return new HotlineSettings(mode, organisation, country, helplines, forward, mediaKeyFile, retention,
                captureAllow, sessionRevealLimit, breakLength, reportsPerDay, bank, Optional.of(value), takedown);
    }

    /**
     * The rules a classifier applies: the built-in {@link Scheme}s in declaration order, then the national scheme.
     * Built-ins first, so their verdicts keep their positions whether or not a deployment adds one.
     */
    public List<VerdictRule> classificationRules() {
        List<VerdictRule> rules = new ArrayList<>(List.of(Scheme.values()));
        national.ifPresent(rules::add);
        return List.copyOf(rules);
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

    private static final String NATIONAL_NAME = "national.name";
    private static final String NATIONAL_VERSION = "national.version";
    private static final String NATIONAL_DEFAULT = "national.default";
    private static final String NATIONAL_RULE = "national.rule.";
    /** No leading zero: {@code rule.1} and {@code rule.01} would otherwise be two keys for one position. */
    private static final Pattern NATIONAL_RULE_KEY =
            Pattern.compile(Pattern.quote(NATIONAL_RULE) + "([1-9][0-9]{0,5})");
    private static final Set<String> KEYS = Set.of("mode", "organisation", "country", "forward.recipient",
            "forward.url", "forward.token", "media.key.file", "media.retention.days", "capture.allow",
            "analyst.session.reveals", "analyst.break.minutes", "intake.reports.per.day", "bank", NATIONAL_NAME,
            NATIONAL_VERSION, NATIONAL_DEFAULT);

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
            } else if (!KEYS.contains(key) && !NATIONAL_RULE_KEY.matcher(key).matches()
                    && !org.tideline.server.hotline.takedown.TakedownSettings.owns(key)) {
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
                text(p, "bank").orElse(d.bank()),
                national(p),
                org.tideline.server.hotline.takedown.TakedownSettings.fromProperties(p));
    }

    /**
     * {@code national.name}, {@code .version}, {@code .default} and {@code national.rule.N}, rules ordered by N as a
     * number (so rule 10 follows rule 9; gaps are allowed, leaving room to insert a rule later). A scheme is all or
     * nothing: a partial one is refused rather than silently leaving the deployment without its national verdicts.
     */
    private static Optional<VerdictRule> national(Properties p) {
        TreeMap<Integer, String> rules = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = NATIONAL_RULE_KEY.matcher(key);
            if (m.matches()) {
                rules.put(Integer.parseInt(m.group(1)), p.getProperty(key).trim());
            }
        }
        Optional<String> name = text(p, NATIONAL_NAME);
        Optional<String> version = text(p, NATIONAL_VERSION);
        Optional<String> fallback = text(p, NATIONAL_DEFAULT);
        if (name.isEmpty() && version.isEmpty() && fallback.isEmpty() && rules.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        name.ifPresentOrElse(n -> { }, () -> missing.add(NATIONAL_NAME));
        version.ifPresentOrElse(v -> { }, () -> missing.add(NATIONAL_VERSION));
        fallback.ifPresentOrElse(v -> { }, () -> missing.add(NATIONAL_DEFAULT));
        if (rules.isEmpty()) {
            missing.add(NATIONAL_RULE + "1");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("hotline setting(s) " + missing + " missing: a national scheme needs "
                    + NATIONAL_NAME + ", " + NATIONAL_VERSION + ", " + NATIONAL_DEFAULT + " and at least one "
                    + NATIONAL_RULE + "N; see docs/hotline.md");
        }
        List<Integer> numbers = List.copyOf(rules.keySet());
        try {
            return Optional.of(ConfiguredRule.parse(name.get(), version.get(), List.copyOf(rules.values()),
                    fallback.get()));
        } catch (ConfiguredRule.InvalidRuleException e) {
            String key = switch (e.part()) {
                case NAME -> NATIONAL_NAME;
                case VERSION -> NATIONAL_VERSION;
                case DEFAULT -> NATIONAL_DEFAULT;
                case RULE -> e.line() > 0 ? NATIONAL_RULE + numbers.get(e.line() - 1) : NATIONAL_RULE + "N";
            };
            throw new IllegalArgumentException("hotline setting " + key + ": " + e.problem(), e);
        }
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
