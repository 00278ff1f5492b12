package org.tideline.server.hotline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CDN recognition from CNAME suffixes and CDN-only AS numbers (the built-in list in CdnDetector's comment). */
class CdnDetectorTest {

    private final CdnDetector detector = CdnDetector.builtIn();

    @Test
    void a_cname_into_a_delivery_domain_names_the_cdn() {
        assertThat(detector.detect(List.of("www.example.cdn.cloudflare.net."), List.of()))
                .contains(new CdnDetector.Match("Cloudflare", "CNAME into cdn.cloudflare.net"));
        assertThat(detector.detect(List.of("d111111abcdef8.CloudFront.net"), List.of(16509L)))
                .map(CdnDetector.Match::cdn).contains("Amazon CloudFront");
        assertThat(detector.detect(List.of("x.global.fastly.net"), List.of())).map(CdnDetector.Match::cdn)
                .contains("Fastly");
    }

    @Test
    void a_suffix_matches_whole_labels_only() {
        assertThat(detector.detect(List.of("notfastly.net", "evilcloudfront.net"), List.of())).isEmpty();
    }

    @Test
    void cdn_only_networks_are_recognised_and_broad_cloud_networks_are_not() {
        assertThat(detector.detect(List.of(), List.of(64500L, 54113L)))
                .contains(new CdnDetector.Match("Fastly", "AS54113"));
        assertThat(detector.detect(List.of(), List.of(20940L))).map(CdnDetector.Match::cdn).contains("Akamai");
        // Amazon, Microsoft, Google: CDN and ordinary servers share these networks.
        assertThat(detector.detect(List.of(), List.of(16509L, 8075L, 15169L))).isEmpty();
    }

    @Test
    void a_deployment_can_add_its_own_networks() {
        CdnDetector extended = CdnDetector.of(java.util.stream.Stream.concat(
                CdnDetector.builtInNetworks().stream(),
                java.util.stream.Stream.of(new CdnDetector.Network("Example CDN", List.of("edge.example"),
                        Set.of(64999L)))).toList());
        assertThat(extended.detect(List.of(), List.of(64999L))).map(CdnDetector.Match::cdn).contains("Example CDN");
        assertThat(extended.detect(List.of("a.edge.example"), List.of())).map(CdnDetector.Match::cdn)
                .contains("Example CDN");
    }
}
