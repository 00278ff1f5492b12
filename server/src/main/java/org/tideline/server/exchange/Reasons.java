package org.tideline.server.exchange;

/**
 * Safe pieces of text for problem reports. A reason may name a column or a type label the file used, but never
 * quotes a value: hash lists can carry notes and identifiers that must not end up in logs.
 */
final class Reasons {

    private static final int MAX_LABEL = 40;

    private Reasons() {}

    /** A label as the file spelt it, if it looks like a label (letters, digits, _ - . :), else a placeholder. */
    static String printable(String label) {
        String s = label.strip();
        if (s.isEmpty() || s.length() > MAX_LABEL || !s.chars().allMatch(Reasons::labelChar)) {
            return "(unprintable)";
        }
        return s;
    }

    private static boolean labelChar(int ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                || ch == '_' || ch == '-' || ch == '.' || ch == ':' || ch == ' ';
    }
}
