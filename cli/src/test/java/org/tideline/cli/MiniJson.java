package org.tideline.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of a JSON parser to read what {@code tideline} prints, strictly: one compact object per line (no
 * whitespace between tokens) whose values are strings (with RFC 8259 escapes), integers, booleans or arrays of
 * those. Anything else, or anything after the object, is an error, so a malformed line fails the test reading it.
 */
final class MiniJson {

    private final String text;
    private int at;

    private MiniJson(String text) {
        this.text = text;
    }

    /** The object on {@code line}, its keys in order; numbers as {@link Long}. */
    static Map<String, Object> parseObject(String line) {
        MiniJson p = new MiniJson(line);
        Map<String, Object> object = p.object();
        if (p.at != line.length()) throw p.error("text after the object");
        return object;
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> map = new LinkedHashMap<>();
        if (peek() == '}') {
            at++;
            return map;
        }
        do {
            String key = string();
            expect(':');
            if (map.put(key, value()) != null) throw error("duplicate key " + key);
        } while (consume(','));
        expect('}');
        return map;
    }

    private Object value() {
        char c = peek();
        if (c == '"') return string();
        if (c == '[') return array();
        if (text.startsWith("true", at)) {
            at += 4;
            return true;
        }
        if (text.startsWith("false", at)) {
            at += 5;
            return false;
        }
        int start = at;
        if (c == '-') at++;
        while (at < text.length() && Character.isDigit(text.charAt(at))) at++;
        if (at == start) throw error("unexpected '" + c + "'");
        return Long.parseLong(text.substring(start, at));
    }

    private List<Object> array() {
        expect('[');
        List<Object> list = new ArrayList<>();
        if (peek() == ']') {
            at++;
            return list;
        }
        do {
            list.add(value());
        } while (consume(','));
        expect(']');
        return list;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') return sb.toString();
            if (c < 0x20) throw error("raw control character in a string");
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private char peek() {
        if (at >= text.length()) throw error("unexpected end");
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private boolean consume(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (next() != c) throw error("expected '" + c + "'");
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + at + " in: " + text);
    }
}
