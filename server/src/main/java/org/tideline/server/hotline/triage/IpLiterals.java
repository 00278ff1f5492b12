package org.tideline.server.hotline.triage;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.tideline.server.hotline.triage.BadUrl.Problem;

/**
 * IP address hosts in one spelling each. Obfuscated numeric hosts ({@code http://2130706433/},
 * {@code http://0x7f.1/}) are an old trick to hide where a link points; browsers resolve them to dotted quads, so we
 * do too, following the WHATWG URL Standard's IPv4 parser: a host whose last label is a number is an IPv4 address,
 * each part decimal, octal (leading 0) or hex (0x), the last part filling the remaining bytes.
 *
 * <p>IPv6 literals are parsed by {@link Inet6Address#ofLiteral}, which never consults DNS, and written in RFC 5952
 * form (lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}). It returns an
 * {@link Inet4Address} for an IPv4-mapped address; we keep such a host in its IPv6 form, as the URL wrote it, rather
 * than turn {@code [::ffff:7f00:1]} into {@code 127.0.0.1}: the two are different URLs to a server.
 */
final class IpLiterals {
    private static final int IPV6_GROUPS = 8;
    private static final int IPV4_MAPPED_PREFIX_BYTES = 10;

    private IpLiterals() {
    }

    /** The WHATWG test: the last label is all decimal digits, or {@code 0x} followed by hex digits. */
    static boolean endsInNumber(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.startsWith("0x") || last.startsWith("0X")) {
            return last.substring(2).chars().allMatch(Hosts::isHex);
        }
        return last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Dotted-quad form of a host that {@link #endsInNumber ends in a number}, or BAD_HOST. */
    static String canonicalIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            throw new BadUrl(Problem.BAD_HOST);
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            long value = ipv4Number(parts[i]);
            boolean last = i == parts.length - 1;
            long limit = last ? 1L << (8 * (5 - parts.length)) : 256;
            if (value >= limit) {
                throw new BadUrl(Problem.BAD_HOST);
            }
            address = last ? (address << (8 * (5 - parts.length))) | value : (address << 8) | value;
        }
        return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static long ipv4Number(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0; // "0x" alone is zero in the standard
            }
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            throw new BadUrl(Problem.BAD_HOST);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), radix);
            if (digit < 0 || digits.charAt(i) > 0x7f) {
                throw new BadUrl(Problem.BAD_HOST);
            }
            value = value * radix + digit;
            if (value > 0xFFFF_FFFFL) {
                throw new BadUrl(Problem.BAD_HOST); // larger than any part may be; stop before overflow
            }
        }
        return value;
    }

    /** RFC 5952 form of an IPv6 literal given without its brackets; zone identifiers are refused. */
    static String canonicalIpv6(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (!Hosts.isHex(c) && c != ':' && c != '.') {
                throw new BadUrl(Problem.BAD_HOST);
            }
        }
        InetAddress address;
        try {
            address = Inet6Address.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new BadUrl(Problem.BAD_HOST); // no cause: the JDK quotes the literal
        }
        return rfc5952(sixteenBytes(address));
    }

    private static byte[] sixteenBytes(InetAddress address) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[IPV4_MAPPED_PREFIX_BYTES] = (byte) 0xff;
            mapped[IPV4_MAPPED_PREFIX_BYTES + 1] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, IPV4_MAPPED_PREFIX_BYTES + 2, 4);
            return mapped;
        }
        return raw;
    }

    private static String rfc5952(byte[] bytes) {
        int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is never compressed
        for (int i = 0; i < IPV6_GROUPS; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < IPV6_GROUPS && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
