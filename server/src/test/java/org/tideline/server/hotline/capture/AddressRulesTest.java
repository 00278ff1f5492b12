package org.tideline.server.hotline.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address rules against IANA's special-purpose registries (IPv4 and IPv6), range edge by range edge. */
class AddressRulesTest {

    private final AddressRules rules = new AddressRules(List.of());

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, this network", "0.255.255.255, this network",
        "10.0.0.0, private", "10.255.255.255, private",
        "100.64.0.0, shared address space (CGNAT)", "100.127.255.255, shared address space (CGNAT)",
        "127.0.0.1, loopback", "127.255.255.254, loopback",
        "169.254.169.254, link-local",
        "172.16.0.0, private", "172.31.255.255, private",
        "192.0.0.170, IETF protocol assignments",
        "192.0.2.1, documentation", "198.51.100.1, documentation", "203.0.113.255, documentation",
        "192.88.99.1, 6to4 relay anycast",
        "192.168.0.1, private", "192.168.255.255, private",
        "198.18.0.0, benchmarking", "198.19.255.255, benchmarking",
        "224.0.0.1, multicast", "239.255.255.250, multicast",
        "240.0.0.1, reserved or broadcast", "255.255.255.255, reserved or broadcast",
        "::, unspecified", "::1, loopback", "::127.0.0.1, IPv4-compatible",
        "::ffff:10.1.2.3, private", "::ffff:169.254.169.254, link-local",
        "64:ff9b::a00:1, NAT64 of private", "64:ff9b::7f00:1, NAT64 of loopback",
        "64:ff9b:1::1, not global unicast",
        "2002:7f00:1::1, 6to4 of loopback", "2002:c0a8:101::1, 6to4 of private",
        "fc00::1, private (unique local)", "fdff:ffff::1, private (unique local)",
        "fe80::1, link-local", "febf::1, link-local", "fec0::1, site-local",
        "ff02::1, multicast", "100::1, not global unicast",
        "2001::1, 'IETF protocol assignments (Teredo, benchmarking, ORCHID)'",
        "2001:db8::1, documentation", "3fff::1, documentation"})
    void refuses_special_purpose_addresses(String address, String label) {
        assertThat(rules.refusal(InetAddress.ofLiteral(address))).hasValue(label);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
        "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.255",
        "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
        "2606:4700:4700::1111", "2a00:1450:4001::1", "64:ff9b::808:808", "2002:808:808::1", "2001:200::1"})
    void allows_public_addresses(String address) {
        assertThat(rules.refusal(InetAddress.ofLiteral(address))).isEmpty();
    }

    @Test
    void the_allow_list_overrides_exactly_its_ranges() {
        AddressRules allowing = new AddressRules(List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("10.1.0.0/16"),
                Cidr.parse("fd00::/8")));

        assertThat(allowing.refusal(InetAddress.ofLiteral("127.0.0.1"))).isEmpty();
        assertThat(allowing.refusal(InetAddress.ofLiteral("::ffff:127.0.0.1"))).isEmpty();
        assertThat(allowing.refusal(InetAddress.ofLiteral("127.0.0.2"))).hasValue("loopback");
        assertThat(allowing.refusal(InetAddress.ofLiteral("10.1.255.255"))).isEmpty();
        assertThat(allowing.refusal(InetAddress.ofLiteral("10.2.0.0"))).hasValue("private");
        assertThat(allowing.refusal(InetAddress.ofLiteral("fd12::1"))).isEmpty();
        assertThat(allowing.refusal(InetAddress.ofLiteral("fc00::1"))).hasValue("private (unique local)");
    }

    @Test
    void address_ranges_are_parsed_strictly() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.ofLiteral("10.200.1.1"))).isTrue();
        assertThat(Cidr.parse("::ffff:10.0.0.0/104").contains(InetAddress.ofLiteral("10.200.1.1"))).isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains(InetAddress.ofLiteral("192.0.2.8"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.ofLiteral("::1"))).isFalse();
        assertThatThrownBy(() -> Cidr.parse("127.0.0.1/8")).hasMessageContaining("host bits");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("localhost/32")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FetchPolicy.defaults().withAllowList("10.0.0.0/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
