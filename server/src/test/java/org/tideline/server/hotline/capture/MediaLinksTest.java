package org.tideline.server.hotline.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which links of a page are media, and that no page can make finding them slow. */
class MediaLinksTest {

    private static final URI PAGE = URI.create("http://site.test/dir/page.html?p=1");

    private static List<String> find(String html) {
        return MediaLinks.find(html, PAGE, 1_000);
    }

    @Test
    void finds_media_in_every_place_a_page_keeps_it() {
        String html = """
                <html><head>
                <meta property="og:image" content="//cdn.test/og.jpg">
                <meta name="twitter:image" content="/tw.png">
                <link rel="preload image_src" href="linked.gif">
                </head><body>
                <img src="a.png" srcset="a-1x.png 1x, a-2x.png 2x">
                <img data-src="lazy.webp" data-srcset="lazy-400.webp 400w,lazy-800.webp 800w" src="placeholder.gif">
                <picture><source srcset="pic.webp" type="image/webp"><source src="pic.jpg"></picture>
                <video src="clip.mp4" poster="poster.jpg"><source src="clip.webm"></video>
                <a href="full-size.JPG"><img src="thumb.jpg"></a>
                <a href="next-page.html">next</a>
                <img src="data:image/png;base64,iVBORw0KGgo="><img src="javascript:alert(1)">
                </body></html>
                """;

        assertThat(find(html)).containsExactly(
                "http://cdn.test/og.jpg", "http://site.test/tw.png", "http://site.test/dir/linked.gif",
                "http://site.test/dir/a.png", "http://site.test/dir/a-1x.png", "http://site.test/dir/a-2x.png",
                "http://site.test/dir/placeholder.gif", "http://site.test/dir/lazy.webp",
                "http://site.test/dir/lazy-400.webp", "http://site.test/dir/lazy-800.webp",
                "http://site.test/dir/pic.webp", "http://site.test/dir/pic.jpg",
                "http://site.test/dir/clip.mp4", "http://site.test/dir/poster.jpg", "http://site.test/dir/clip.webm",
                "http://site.test/dir/full-size.JPG", "http://site.test/dir/thumb.jpg");
    }

    @Test
    void resolves_against_the_first_base_href_wherever_it_stands() {
        String html = "<img src='early.png'><base href='https://other.test/media/'><base href='/ignored/'><img src='late.png'>";

        assertThat(find(html)).containsExactly("https://other.test/media/early.png", "https://other.test/media/late.png");
    }

    @Test
    void drops_duplicates_fragments_and_decodes_character_references() {
        String html = "<img src='a.png#x'><img src='a.png'><img src='/dir/a.png'>"
                + "<img src='img?id=1&amp;size=2'><img src='img?id=1&#38;size=2'><img src=' spaced name.png '>";

        assertThat(find(html)).containsExactly("http://site.test/dir/a.png", "http://site.test/dir/img?id=1&size=2",
                "http://site.test/dir/spaced%20name.png");
    }

    @Test
    void ignores_markup_inside_comments_scripts_and_styles() {
        String html = "<!-- <img src='commented.png'> --><script>var s = '<img src=\"scripted.png\">';</script>"
                + "<style>/* <img src='styled.png'> */</style><SCRIPT>x</script ><img src='real.png'>";

        assertThat(find(html)).containsExactly("http://site.test/dir/real.png");
    }

    @Test
    void reads_unquoted_and_oddly_cased_attributes() {
        String html = "<IMG SRC=upper.png><img\nsrc\n=\nnewline.png/><img alt=x src=unquoted.png>";

        assertThat(find(html)).containsExactly("http://site.test/dir/upper.png", "http://site.test/dir/newline.png/",
                "http://site.test/dir/unquoted.png");
    }

    @Test
    void parses_srcset_candidates_as_the_html_standard_does() {
        assertThat(MediaLinks.srcsetUrls("a.png 1x,b.png 2x")).containsExactly("a.png", "b.png");
        assertThat(MediaLinks.srcsetUrls("  a.png,  b.png 100w  ,c.png")).containsExactly("a.png", "b.png", "c.png");
        assertThat(MediaLinks.srcsetUrls("a.png (max-width: 1px, 2px) 1x, b.png")).containsExactly("a.png", "b.png");
        assertThat(MediaLinks.srcsetUrls(",,,")).isEmpty();
    }

    @Test
    void stops_at_the_limit() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 100; i++) html.append("<img src='i").append(i).append(".png'>");

        assertThat(MediaLinks.find(html.toString(), PAGE, 7)).hasSize(7);
    }

    @Test
    void hostile_markup_is_scanned_in_linear_time() {
        List<String> hostile = new ArrayList<>();
        hostile.add("<img src=\"".repeat(500_000));
        hostile.add("<img src=".repeat(500_000));
        hostile.add("<".repeat(5_000_000));
        hostile.add("<a " + "b ".repeat(2_500_000));
        hostile.add("<img src='" + "x".repeat(5_000_000) + "'>");
        hostile.add("<script>" + "</scrip".repeat(500_000));
        hostile.add("<!--" + "-- >".repeat(1_000_000));
        hostile.add("<img srcset='" + "a.png 1x,".repeat(1_500) + "'>");
        hostile.add("<img src='&#x" + "f".repeat(5_000) + ";&amp".repeat(1_000) + "'>");
        // Values just under the attribute cap, many times over: each must cost its length, not its square.
        hostile.add(("<img src='" + "&".repeat(16_000) + "'>").repeat(150));
        hostile.add(("<img src='" + "a/".repeat(8_000) + "'>").repeat(150));
        hostile.add(("<img src='/" + "../".repeat(5_000) + "'>").repeat(150));

        for (String html : hostile) {
            long started = System.nanoTime();
            List<String> links = find(html);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(links).hasSizeLessThanOrEqualTo(1_000);
        }
    }

    @Test
    void resolves_links_by_rfc_3986() {
        // The examples of RFC 3986 section 5.4.1, for the http forms.
        URI base = URI.create("http://a/b/c/d;p?q");
        assertThat(Links.resolve(base, "g")).hasValue("http://a/b/c/g");
        assertThat(Links.resolve(base, "./g")).hasValue("http://a/b/c/g");
        assertThat(Links.resolve(base, "g/")).hasValue("http://a/b/c/g/");
        assertThat(Links.resolve(base, "/g")).hasValue("http://a/g");
        assertThat(Links.resolve(base, "//g")).hasValue("http://g/");
        assertThat(Links.resolve(base, "?y")).hasValue("http://a/b/c/d;p?y");
        assertThat(Links.resolve(base, "g?y")).hasValue("http://a/b/c/g?y");
        assertThat(Links.resolve(base, "#s")).hasValue("http://a/b/c/d;p?q");
        assertThat(Links.resolve(base, "")).hasValue("http://a/b/c/d;p?q");
        assertThat(Links.resolve(base, ".")).hasValue("http://a/b/c/");
        assertThat(Links.resolve(base, "..")).hasValue("http://a/b/");
        assertThat(Links.resolve(base, "../g")).hasValue("http://a/b/g");
        assertThat(Links.resolve(base, "../../../g")).hasValue("http://a/g");
        assertThat(Links.resolve(base, "/./g")).hasValue("http://a/g");
        assertThat(Links.resolve(base, "g/../h")).hasValue("http://a/b/c/h");
        assertThat(Links.resolve(base, "https://x.test")).hasValue("https://x.test/");
        // What browsers add: backslashes as slashes, stray characters encoded; other schemes dropped.
        assertThat(Links.resolve(base, "\\\\evil.test\\a.png")).hasValue("http://evil.test/a.png");
        assertThat(Links.resolve(base, "ä ö.png")).hasValue("http://a/b/c/%C3%A4%20%C3%B6.png");
        assertThat(Links.resolve(base, "ftp://x/a.png")).isEmpty();
        assertThat(Links.resolve(base, "javascript:alert(1)")).isEmpty();
    }
}
