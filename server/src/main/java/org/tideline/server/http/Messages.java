package org.tideline.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The web pages' words in one language, with the rule that picks the language: an explicit {@code ?lang=} switch
 * (remembered in a cookie), else the cookie, else the browser's {@code Accept-Language}, else English.
 */
final class Messages {

    static final List<String> LANGUAGES = List.of("en", "it");
    private static final String COOKIE = "tl_lang";
    private static final Map<String, ResourceBundle> BUNDLES = Map.of(
            "en", ResourceBundle.getBundle("org.tideline.server.http.messages", Locale.ENGLISH),
            "it", ResourceBundle.getBundle("org.tideline.server.http.messages", Locale.ITALIAN));

    private final String language;
    private final ResourceBundle bundle;

    private Messages(String language) {
        this.language = language;
        this.bundle = BUNDLES.get(language);
    }

    static Messages of(String language) {
        return new Messages(LANGUAGES.contains(language) ? language : "en");
    }

    /** The language for this request; an explicit switch is remembered for the following pages. */
    static Messages choose(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null && LANGUAGES.contains(asked)) {
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + asked + "; Path=/; Max-Age=31536000; SameSite=Lax");
            return of(asked);
        }
        String remembered = ctx.cookie(COOKIE);
        if (remembered != null && LANGUAGES.contains(remembered)) {
            return of(remembered);
        }
        return of(fromAcceptLanguage(ctx.header("Accept-Language")));
    }

    /** The best supported language in an {@code Accept-Language} header, by its quality values. */
    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return "en";
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            String best = Locale.lookupTag(ranges, LANGUAGES);
            return best == null ? "en" : best;
        } catch (IllegalArgumentException e) {
            return "en";
        }
    }

    String language() {
        return language;
    }

    String get(String key) {
        return bundle.getString(key);
    }

    /** {@code get(key)} with {@code {0}} replaced (not MessageFormat, whose quote rules fight Italian apostrophes). */
    String get(String key, Object arg) {
        return get(key).replace("{0}", String.valueOf(arg));
    }
}
