package org.tideline.server.hotline.notice;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Puts a {@link Notice} into words, in the notice's language.
 *
 * <p>Each language has three files: {@code notice_LANG.txt} and {@code escalation_LANG.txt} (a {@code Subject: }
 * line, a blank line, the body; see {@link Template} for the placeholders) and {@code words_LANG.properties} (the
 * category names, one paragraph per recipient kind, and the evidence preservation request). English and Italian
 * are built in; {@link #load(Path)} adds languages or replaces built-in wording from a directory, for a hotline
 * whose lawyers want their own.
 *
 * <p>Every template must contain the evidence preservation request ({@code {preservation}}), the URLs and the
 * reference, and every language must name every category and recipient kind: a template that could send a notice
 * without them is refused when it is loaded, not discovered in a provider's inbox.
 */
public final class NoticeTemplates {

    private static final List<String> BUILT_IN = List.of("en", "it");
    private static final String RESOURCES = "/org/tideline/server/hotline/notice/";
    private static final Pattern NOTICE_FILE = Pattern.compile("notice_([a-z]{2,3})\\.txt");
    /** The same in every language: a date an abuse desk anywhere reads the same way. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private record Language(Template notice, Template escalation, Map<NoticeCategory, String> categories,
            Map<RecipientKind, String> roles, String preservation) {}

    private final Map<String, Language> languages;

    private NoticeTemplates(Map<String, Language> languages) {
        this.languages = Collections.unmodifiableMap(new TreeMap<>(languages));
    }

    /** English and Italian, from the server's resources. */
    public static NoticeTemplates builtIn() {
        Map<String, Language> languages = new HashMap<>();
        for (String lang : BUILT_IN) {
            languages.put(lang, language(lang, name -> resource(RESOURCES + name)));
        }
        return new NoticeTemplates(languages);
    }

    /**
     * The built-in languages, plus every {@code notice_LANG.txt} in {@code directory} with its
     * {@code escalation_LANG.txt} and {@code words_LANG.properties} (all three, UTF-8), which replace a built-in
     * language of the same code entirely.
     *
     * @throws IllegalArgumentException naming the file, for a missing file or a template that breaks the rules
     */
    public static NoticeTemplates load(Path directory) throws IOException {
        Map<String, Language> languages = new HashMap<>(builtIn().languages);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                Matcher m = NOTICE_FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    languages.put(m.group(1), language(m.group(1), name -> file(directory.resolve(name))));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new NoticeTemplates(languages);
    }

    /** The language codes a {@link Notice} may use. */
    public Set<String> languages() {
        return languages.keySet();
    }

    /**
     * The notice in words: the escalation template when {@link Notice#escalation()} is set, else the notice
     * template, of the notice's language.
     *
     * @throws IllegalArgumentException when there are no templates for the notice's language: a notice in a
     *     language the hotline did not choose would be a configuration error sent to a stranger
     */
    public NoticeMessage render(Notice notice) {
        Language lang = languages.get(notice.language());
        if (lang == null) {
            throw new IllegalArgumentException("no notice templates for language " + notice.language() + "; have "
                    + languages.keySet());
        }
        Map<String, String> values = new HashMap<>();
        values.put("hotline.name", notice.hotline().name());
        values.put("hotline.contact", notice.hotline().contact());
        values.put("hotline.website", notice.hotline().website().orElse(""));
        values.put("reference", notice.reference());
        values.put("attempt", Integer.toString(notice.attempt()));
        values.put("previous.attempts", Integer.toString(notice.attempt() - 1));
        values.put("category", lang.categories().get(notice.category()));
        values.put("recipient.role", lang.roles().get(notice.recipient().kind()));
        values.put("preservation", lang.preservation());
        values.put("first.reported", DATE.format(notice.firstReported()));
        values.put("urls", String.join("\n", notice.urls().stream().map(u -> "    " + u).toList()));

        Template template = notice.escalation() ? lang.escalation() : lang.notice();
        SequencedMap<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", NoticeMessage.messageIdOf(notice));
        headers.put("Auto-Submitted", "auto-generated");
        headers.put("X-Tideline-Reference", notice.reference());
        headers.put("X-Tideline-Attempt", Integer.toString(notice.attempt()));
        return new NoticeMessage(notice, template.renderSubject(values), template.renderBody(values), headers);
    }

    private interface Source {
        String read(String name);
    }

    private static Language language(String lang, Source source) {
        String wordsName = "words_" + lang + ".properties";
        Properties words = new Properties();
        try (Reader r = new StringReader(source.read(wordsName))) {
            words.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<NoticeCategory, String> categories = new EnumMap<>(NoticeCategory.class);
        for (NoticeCategory c : NoticeCategory.values()) {
            categories.put(c, word(words, wordsName, "category." + c.name()));
        }
        Map<RecipientKind, String> roles = new EnumMap<>(RecipientKind.class);
        for (RecipientKind k : RecipientKind.values()) {
            roles.put(k, word(words, wordsName, "role." + k.name()));
        }
        String noticeName = "notice_" + lang + ".txt";
        String escalationName = "escalation_" + lang + ".txt";
        return new Language(Template.parse(noticeName, source.read(noticeName)),
                Template.parse(escalationName, source.read(escalationName)), categories, roles,
                word(words, wordsName, "preservation"));
    }

    private static String word(Properties words, String file, String key) {
        String value = words.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(file + ": " + key + " is missing");
        }
        return SafeText.line(file + ": " + key, value.strip(), 4000);
    }

    private static String resource(String path) {
        try (InputStream in = NoticeTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String file(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " is missing: a language needs notice_, escalation_ and"
                    + " words_ files");
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
