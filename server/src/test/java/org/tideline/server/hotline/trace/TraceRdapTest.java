package org.tideline.server.hotline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registrar from canned RDAP answers (RFC 9083 shapes), served locally. */
class TraceRdapTest {

    private static RegistrarLookup lookup(RdapServer server) {
        return RegistrarLookup.rdap(server.base(), Duration.ofSeconds(5));
    }

    @Test
    void reads_the_registrar_entity_name_and_iana_id_of_the_registrable_domain() throws Exception {
        try (RdapServer server = new RdapServer().answer("example.com", RdapServer.REGISTRY_ANSWER)) {
            assertThat(lookup(server).registrar("a.b.example.com"))
                    .contains(new Registrar("Example Registrar, Inc.", Optional.of(9999L), "example.com"));
            assertThat(server.paths).containsExactly("/domain/example.com");
        }
    }

    @Test
    void asks_for_three_labels_under_a_listed_second_level_registry() throws Exception {
        try (RdapServer server = new RdapServer().answer("shop.co.uk", RdapServer.REGISTRY_ANSWER)) {
            assertThat(lookup(server).registrar("www.shop.co.uk").map(Registrar::domain)).contains("shop.co.uk");
        }
    }

    @Test
    void an_unknown_domain_has_no_registrar_and_a_server_error_is_a_failure_without_the_name() throws Exception {
        try (RdapServer server = new RdapServer().status("broken.example", 503)) {
            assertThat(lookup(server).registrar("nobody.example")).isEmpty();
            assertThatThrownBy(() -> lookup(server).registrar("www.broken.example"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("RDAP answered HTTP 503");
        }
    }

    @Test
    void a_registrar_without_an_iana_id_or_nested_in_another_entity_is_still_found() throws Exception {
        String json = """
                {"objectClassName":"domain","entities":[
                  {"roles":["registrant"],"entities":[
                    {"roles":["registrar"],"vcardArray":["vcard",[["version",{},"text","4.0"],
                      ["fn",{},"text","Registro Esempio S.p.A."]]]}]}]}
                """;
        assertThat(RdapRegistrarLookup.parse(json.getBytes(StandardCharsets.UTF_8), "esempio.it"))
                .contains(new Registrar("Registro Esempio S.p.A.", Optional.empty(), "esempio.it"));
    }

    @Test
    void an_answer_without_a_registrar_or_not_json_is_told_apart() throws Exception {
        assertThat(RdapRegistrarLookup.parse("{\"objectClassName\":\"domain\",\"entities\":[]}".getBytes(
                StandardCharsets.UTF_8), "x.example")).isEmpty();
        assertThatThrownBy(() -> RdapRegistrarLookup.parse("<html>".getBytes(StandardCharsets.UTF_8), "x.example"))
                .hasMessage("RDAP answer is not JSON");
    }

    @Test
    void the_registrable_domain_is_two_labels_or_three_under_a_listed_suffix() {
        assertThat(RegistrableDomain.of("cdn.img.example.com")).contains("example.com");
        assertThat(RegistrableDomain.of("WWW.Example.COM.")).contains("example.com");
        assertThat(RegistrableDomain.of("a.b.shop.com.au")).contains("shop.com.au");
        assertThat(RegistrableDomain.of("www.example.co.jp")).contains("example.co.jp");
        assertThat(RegistrableDomain.of("co.uk")).isEmpty();
        assertThat(RegistrableDomain.of("localhost")).isEmpty();
        assertThat(RegistrableDomain.of("192.0.2.1")).isEmpty();
        assertThat(RegistrableDomain.of("2001:db8::1")).isEmpty();
        assertThat(RegistrableDomain.of("bad name.example")).isEmpty();
        // The documented limitation: suffixes not on the list are taken one level too high.
        assertThat(RegistrableDomain.of("user.github.io")).contains("github.io");
    }
}
