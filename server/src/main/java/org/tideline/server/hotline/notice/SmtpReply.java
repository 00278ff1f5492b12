package org.tideline.server.hotline.notice;

import java.util.List;
import java.util.Locale;

/** One SMTP reply (RFC 5321 4.2): its three-digit code and its lines of text, without the code. */
record SmtpReply(int code, List<String> lines) {

    SmtpReply {
        lines = List.copyOf(lines);
    }

    boolean is(int expected) {
        return code == expected;
    }

    /** 4yz: "transient negative completion", try again later. */
    boolean temporary() {
        return code / 100 == 4;
    }

    /** 5yz: "permanent negative completion". */
    boolean permanent() {
        return code / 100 == 5;
    }

    /** The reply as one line for the record, e.g. {@code 550 5.1.1 mailbox unavailable}; redacted later. */
    String text() {
        return (code + " " + String.join(" ", lines)).strip();
    }

    /** The EHLO keywords after the greeting line, upper case with their parameters: {@code AUTH PLAIN LOGIN}. */
    List<String> extensions() {
        return lines.stream().skip(1).map(l -> l.strip().toUpperCase(Locale.ROOT)).toList();
    }

    /** Whether an EHLO reply announces {@code keyword}, optionally with {@code parameter} among its parameters. */
    boolean offers(String keyword, String parameter) {
        for (String extension : extensions()) {
            List<String> words = List.of(extension.split(" +"));
            if (words.getFirst().equals(keyword) && (parameter == null || words.contains(parameter))) {
                return true;
            }
        }
        return false;
    }
}
