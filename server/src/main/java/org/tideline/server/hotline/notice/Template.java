package org.tideline.server.hotline.notice;

import java.util.Map;
import java.util.Set;

/**
 * One notice template: a {@code Subject: } line, a blank line, and the body, with {@code {name}} placeholders.
 *
 * <p>Placeholders are filled in one pass and the values are never scanned again, so a value that happens to
 * contain {@code {reference}} stays literal text. Anything in braces that is not a lower-case name is literal; a
 * lower-case name that is not a known placeholder is an error when the template is loaded, so a misspelt
 * placeholder never goes out as {@code {refrence}}.
 */
record Template(String source, String subject, String body) {

    static final Set<String> PLACEHOLDERS = Set.of("hotline.name", "hotline.contact", "hotline.website",
            "reference", "attempt", "previous.attempts", "category", "recipient.role", "preservation",
            "first.reported", "urls");
    /** Every notice must name what it is about, how to refer to it, and ask for evidence to be kept. */
    private static final Set<String> REQUIRED_IN_BODY = Set.of("urls", "reference", "preservation");
    private static final Set<String> REQUIRED_IN_SUBJECT = Set.of("reference", "attempt");
    private static final String SUBJECT = "Subject: ";
    private static final int WRAP = 72;

    /** Parses a template file's text; {@code source} names it in error messages. */
    static Template parse(String source, String text) {
        String normalised = text.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
        int firstBreak = normalised.indexOf('\n');
        if (!normalised.startsWith(SUBJECT) || firstBreak < 0 || !normalised.startsWith("\n", firstBreak + 1)) {
            throw new IllegalArgumentException(source + ": a template starts with a 'Subject: ' line and a blank line");
        }
        String subject = normalised.substring(SUBJECT.length(), firstBreak).strip();
        String body = normalised.substring(firstBreak + 2).stripTrailing() + "\n";
        Set<String> inSubject = placeholdersIn(source, subject);
        Set<String> inBody = placeholdersIn(source, body);
        if (!inSubject.containsAll(REQUIRED_IN_SUBJECT)) {
            throw new IllegalArgumentException(source + ": the subject must contain {reference} and {attempt}");
        }
        if (inSubject.contains("urls") || inSubject.contains("preservation") || inSubject.contains("recipient.role")) {
            throw new IllegalArgumentException(source + ": {urls}, {preservation} and {recipient.role} belong in"
                    + " the body");
        }
        if (!inBody.containsAll(REQUIRED_IN_BODY)) {
            throw new IllegalArgumentException(source + ": the body must contain {urls}, {reference} and"
                    + " {preservation}");
        }
        if (!body.lines().anyMatch("{urls}"::equals) || body.lines().filter(l -> l.contains("{urls}")).count() != 1) {
            throw new IllegalArgumentException(source + ": {urls} must stand alone on one line of the body");
        }
        return new Template(source, subject, body);
    }

    String renderSubject(Map<String, String> values) {
        return fill(subject, values);
    }

    /**
     * The body with values filled in, a line that was just one empty placeholder (an optional website) left out,
     * and long lines wrapped at spaces. Indented lines (the URLs) are never wrapped: a URL split over two lines
     * would name something else.
     */
    String renderBody(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            String filled = fill(line, values);
            if (filled.isEmpty() && !line.isEmpty()) {
                continue;
            }
            for (String physical : filled.split("\n", -1)) {
                wrap(physical, out);
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static void wrap(String line, StringBuilder out) {
        if (line.length() <= WRAP || line.startsWith(" ")) {
            out.append(line).append('\n');
            return;
        }
        int width = 0;
        for (String word : line.split(" +")) {
            if (width > 0 && width + 1 + word.length() > WRAP) {
                out.append('\n');
                width = 0;
            } else if (width > 0) {
                out.append(' ');
                width++;
            }
            out.append(word);
            width += word.length();
        }
        out.append('\n');
    }

    private static String fill(String text, Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length() + 256);
        int i = 0;
        while (i < text.length()) {
            int name = nameAt(text, i);
            if (name < 0) {
                out.append(text.charAt(i++));
                continue;
            }
            String key = text.substring(i + 1, name);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalStateException("no value for {" + key + "}");
            }
            out.append(value);
            i = name + 1;
        }
        return out.toString();
    }

    private static Set<String> placeholdersIn(String source, String text) {
        java.util.HashSet<String> found = new java.util.HashSet<>();
        for (int i = 0; i < text.length(); i++) {
            int end = nameAt(text, i);
            if (end >= 0) {
                String key = text.substring(i + 1, end);
                if (!PLACEHOLDERS.contains(key)) {
                    throw new IllegalArgumentException(source + ": unknown placeholder {" + key + "}; known: "
                            + new java.util.TreeSet<>(PLACEHOLDERS));
                }
                found.add(key);
                i = end;
            }
        }
        return found;
    }

    /** The index of the closing brace when a {@code {lower.case.name}} starts at {@code i}, else -1. */
    private static int nameAt(String text, int i) {
        if (text.charAt(i) != '{') {
            return -1;
        }
        int j = i + 1;
        while (j < text.length() && (text.charAt(j) >= 'a' && text.charAt(j) <= 'z' || text.charAt(j) == '.')) {
            j++;
        }
        return j > i + 1 && j < text.length() && text.charAt(j) == '}' ? j : -1;
    }
}
