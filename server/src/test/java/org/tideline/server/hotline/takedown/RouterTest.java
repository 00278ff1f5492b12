package org.tideline.server.hotline.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {

    final Router router = new Router("IT", Map.of("NL", new Partner("NL", "Offlimits (test)",
            Optional.of(URI.create("https://partner.example/")), Optional.empty())), "Polizia Postale", "INHOPE");

    @Test
    void homeGoesToPoliceAbroadToThePartnerElseToTheFallback() {
        assertThat(router.route(Optional.of("IT"))).isEqualTo(new Route(Route.Kind.DOMESTIC, "Polizia Postale", "IT"));
        assertThat(router.route(Optional.of("NL")).kind()).isEqualTo(Route.Kind.PARTNER);
        assertThat(router.route(Optional.of("NL")).recipient()).isEqualTo("Offlimits (test)");
        assertThat(router.route(Optional.of("US"))).isEqualTo(new Route(Route.Kind.FALLBACK, "INHOPE", "US"));
    }

    @Test
    void anUnknownHostingCountryStaysDomestic() {
        assertThat(router.route(Optional.empty()).kind()).isEqualTo(Route.Kind.DOMESTIC);
        assertThat(router.route(Optional.of(" ")).kind()).isEqualTo(Route.Kind.DOMESTIC);
    }
}
