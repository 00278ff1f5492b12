package org.tideline.server.hotline.triage;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.tideline.server.hotline.triage.BadUrl.Problem;

/**
 * Canonical hosts: the same host however a report writes it, and exactly the host a browser would contact, because
 * that is the host a hotline traces and the one known-host lists are matched against. The steps follow the WHATWG
 * URL Standard's host parser where it matters for identity (percent-decoding, IDNA, numeric IPv4 forms); they are
 * stricter about what is left, accepting only letters, digits, hyphen and underscore in labels, since nothing else
 * resolves in DNS.
 *
 * <p>Sharp edges: {@link IDN} implements IDNA2003, so {@code straße.de} becomes {@code strasse.de} where IDNA2008
 * (and today's browsers) keep {@code xn--zca}; both spellings then share one key, which is a lesser harm than the
 * same page having two. Code points unassigned in IDNA2003's Unicode 3.2 are allowed through, so newer scripts and
 * emoji are not refused. Unicode bidirectional controls are refused outright, as they serve only to make a host
 * read as another.
 */
final class Hosts {
    private static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private Hosts() {
    }

    /** The canonical form of a host as written in a URL's authority (IPv6 in brackets). */
    static String canonical(String written) {
        if (written.isEmpty()) {
            throw new BadUrl(Problem.NO_HOST);
        }
        if (written.startsWith("[")) {
            if (!written.endsWith("]") || written.length() < 3) {
                throw new BadUrl(Problem.BAD_HOST);
            }
            return "[" + IpLiterals.canonicalIpv6(written.substring(1, written.length() - 1)) + "]";
        }
        String decoded = percentDecode(written);
        rejectBidiControls(decoded);
        String ascii;
        try {
            ascii = IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new BadUrl(Problem.BAD_HOST); // no cause: IDN quotes its input
        }
        String host = ascii.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // the root label: example.com. is example.com
        }
        if (host.isEmpty()) {
            throw new BadUrl(Problem.BAD_HOST);
        }
        if (IpLiterals.endsInNumber(host)) {
            return IpLiterals.canonicalIpv4(host);
        }
        requireDomainName(host);
        return host;
    }

    /** Whether a canonical host is an IP address rather than a domain name. */
    static boolean isIpAddress(String canonicalHost) {
        return canonicalHost.startsWith("[") || IpLiterals.endsInNumber(canonicalHost);
    }

    /**
     * Hosts are decoded before IDNA, as browsers do, so {@code exa%6Dple.com} is {@code example.com}. Decoded bytes
     * must be UTF-8.
     */
    private static String percentDecode(String written) {
        if (written.indexOf('%') < 0) {
            return written;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(written.length());
        byte[] utf8 = written.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '%') {
                if (i + 2 >= utf8.length || !isHex(utf8[i + 1]) || !isHex(utf8[i + 2])) {
                    throw new BadUrl(Problem.BAD_HOST);
                }
                bytes.write(hexValue(utf8[i + 1]) * 16 + hexValue(utf8[i + 2]));
                i += 2;
            } else {
                bytes.write(utf8[i]);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadUrl(Problem.BAD_HOST);
        }
    }

    private static void rejectBidiControls(String host) {
        if (host.codePoints().anyMatch(Hosts::isBidiControl)) {
            throw new BadUrl(Problem.BAD_HOST);
        }
    }

    /** ALM, LRM, RLM, the embeddings and overrides (LRE..RLO) and the isolates (LRI..PDI). */
    static boolean isBidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static void requireDomainName(String host) {
        if (host.length() > MAX_HOST_LENGTH) {
            throw new BadUrl(Problem.BAD_HOST);
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
                throw new BadUrl(Problem.BAD_HOST);
            }
            for (int i = 0; i < label.length(); i++) {
                if (!isLabelCharacter(label.charAt(i))) {
                    throw new BadUrl(Problem.BAD_HOST);
                }
            }
        }
    }

    /** LDH plus underscore: underscores are not valid in host names but do occur in real ones. */
    private static boolean isLabelCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static int hexValue(int c) {
        return Character.digit(c, 16);
    }
}
