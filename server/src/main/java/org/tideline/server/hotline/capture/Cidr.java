package org.tideline.server.hotline.capture;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An address range written as {@code address/prefix} ({@code 10.0.0.0/8}, {@code fe80::/10}); a bare address is a
 * range of one. The address is parsed as a literal, never looked up, and host bits below the prefix must be zero, so
 * that a typing slip in the configuration ({@code 127.0.0.1/8}) fails loudly instead of meaning something else.
 */
record Cidr(byte[] network, int prefix) {

    Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix " + prefix + " is out of range");
        }
        for (int bit = prefix; bit < network.length * 8; bit++) {
            if (bitAt(network, bit)) {
                throw new IllegalArgumentException("address range has host bits set below its /" + prefix);
            }
        }
    }

    static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes;
        try {
            bytes = InetAddress.ofLiteral(address).getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address range: " + text);
        }
        if (slash < 0) {
            return new Cidr(bytes, bytes.length * 8);
        }
        String prefix = trimmed.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not an address range: " + text);
        }
        int bits = Integer.parseInt(prefix);
        // The JDK turns an IPv4-mapped literal (::ffff:10.0.0.0) into the IPv4 address; its prefix follows.
        boolean mapped = address.indexOf(':') >= 0 && bytes.length == 4;
        return new Cidr(bytes, mapped ? bits - 96 : bits);
    }

    /** Whether {@code address} is in this range; an IPv4 range never contains an IPv6 address and the reverse. */
    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) return false;
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) return false;
        }
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            InetAddress address = network.length == 4 ? Inet4Address.getByAddress(network)
                    : Inet6Address.getByAddress(null, network, -1);
            return address.getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0;
    }
}
