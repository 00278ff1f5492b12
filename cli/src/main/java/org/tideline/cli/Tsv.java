package org.tideline.cli;

/** Tab-separated output: a field never contains a tab or a line break, so one record stays one line. */
final class Tsv {

    private Tsv() {
    }

    static String field(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
