package org.tideline.server.hotline.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * The status and headers of an HTTP/1.x response, read with limits (64 KB in all, 8 KB a line, 256 headers) because
 * a hostile server can otherwise send headers forever. Interim 1xx responses are skipped. Obsolete line folding and
 * malformed header names are refused rather than guessed at: a fetcher that reads framing differently from the
 * server is how bodies get mis-split.
 */
record ResponseHead(int status, Map<String, List<String>> headers) {

    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADERS = 256;
    private static final int MAX_INTERIM = 8;

    ResponseHead {
        headers = Map.copyOf(headers);
    }

    static ResponseHead read(Wire wire) throws FetchRefused {
        for (int interim = 0; interim <= MAX_INTERIM; interim++) {
            ResponseHead head = readOne(wire);
            if (head.status() >= 200) return head;
        }
        throw bad("too many interim responses");
    }

    /** The header's value; empty when absent; refused when it is sent more than once with different values. */
    Optional<String> single(String name) throws FetchRefused {
        List<String> values = headers.getOrDefault(name, List.of());
        if (values.isEmpty()) return Optional.empty();
        if (values.stream().distinct().count() > 1) throw bad("conflicting " + name + " headers");
        return Optional.of(values.getFirst());
    }

    boolean has(String name) {
        return headers.containsKey(name);
    }

    private static ResponseHead readOne(Wire wire) throws FetchRefused {
        String statusLine = wire.readLine(MAX_LINE)
                .orElseThrow(() -> bad("the server closed the connection without answering"));
        int status = status(statusLine);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int bytes = statusLine.length();
        int count = 0;
        while (true) {
            String line = wire.readLine(MAX_LINE).orElseThrow(() -> bad("the response ended inside its headers"));
            if (line.isEmpty()) break;
            bytes += line.length() + 2;
            if (bytes > MAX_HEAD_BYTES || ++count > MAX_HEADERS) throw bad("the response headers are too large");
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') throw bad("folded header lines");
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line, colon)) throw bad("a malformed header line");
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        return new ResponseHead(status, headers);
    }

    private static int status(String line) throws FetchRefused {
        // "HTTP/1.1 200 OK", or "HTTP/1.0 404" without a reason phrase.
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || !isDigit(line.charAt(7)) || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw bad("a malformed status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            if (!isDigit(line.charAt(i))) throw bad("a malformed status line");
            status = status * 10 + (line.charAt(i) - '0');
        }
        if (status < 100 || status > 599) throw bad("a status outside 100-599");
        return status;
    }

    private static boolean isToken(String line, int end) {
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c)
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static FetchRefused bad(String message) {
        return new FetchRefused(Reason.BAD_RESPONSE, message);
    }
}
