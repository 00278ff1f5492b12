package org.tideline.server.hotline.capture;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a page's images and videos are: {@code <img src srcset>} (and the {@code data-src}/{@code data-srcset} of
 * lazy loading, which is where many galleries keep the real image until a script swaps it in), {@code <source src
 * srcset>}, {@code <video src poster>}, Open Graph and Twitter card images in {@code <meta>}, {@code <link
 * rel=image_src>}, and {@code <a href>} pointing straight at an image or video file (a thumbnail's full-size
 * original). Every candidate of a srcset is taken: each rendition is a file of its own, with hashes of its own.
 *
 * <p>Links are resolved against the page's {@code <base href>} when it has one (the first, as browsers do), else the
 * page URL; only http and https survive; duplicates are dropped, first occurrence kept.
 */
final class MediaLinks {

    private static final Set<String> META_IMAGES = Set.of(
            "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src");
    private static final Set<String> MEDIA_EXTENSIONS = Set.of(
            ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".mp4", ".webm");

    private record Reference(String value, boolean mustLookLikeMedia) {}

    private MediaLinks() {}

    /** Distinct absolute http(s) links to media in document order, at most {@code limit} of them. */
    static List<String> find(String html, URI page, int limit) {
        List<Reference> references = new ArrayList<>();
        URI[] base = {page};
        boolean[] baseSeen = {false};
        HtmlScanner.scan(html, (name, attributes) -> {
            if (name.equals("base") && !baseSeen[0] && attributes.containsKey("href")) {
                baseSeen[0] = true;
                Links.resolve(page, attributes.get("href")).flatMap(MediaLinks::uri).ifPresent(b -> base[0] = b);
            }
            collect(name, attributes, references);
            return true;
        });
        Set<String> links = new LinkedHashSet<>();
        for (Reference reference : references) {
            if (links.size() >= limit) break;
            Links.resolve(base[0], reference.value())
                    .filter(link -> !reference.mustLookLikeMedia() || hasMediaExtension(link))
                    .ifPresent(links::add);
        }
        return List.copyOf(links);
    }

    private static void collect(String tag, Map<String, String> attributes, List<Reference> out) {
        switch (tag) {
            case "img" -> {
                add(attributes.get("src"), out);
                addSrcset(attributes.get("srcset"), out);
                add(attributes.get("data-src"), out);
                addSrcset(attributes.get("data-srcset"), out);
            }
            case "source" -> {
                add(attributes.get("src"), out);
                addSrcset(attributes.get("srcset"), out);
            }
            case "video" -> {
                add(attributes.get("src"), out);
                add(attributes.get("poster"), out);
            }
            case "meta" -> {
                String property = attributes.getOrDefault("property", attributes.getOrDefault("name", ""));
                if (META_IMAGES.contains(property.strip().toLowerCase(Locale.ROOT))) add(attributes.get("content"), out);
            }
            case "link" -> {
                String rel = attributes.getOrDefault("rel", "").toLowerCase(Locale.ROOT);
                if (List.of(rel.split("\\s+")).contains("image_src")) add(attributes.get("href"), out);
            }
            case "a" -> {
                String href = attributes.get("href");
                if (href != null && !href.isBlank()) out.add(new Reference(href, true));
            }
            default -> { }
        }
    }

    private static void add(String value, List<Reference> out) {
        if (value != null && !value.isBlank()) out.add(new Reference(value, false));
    }

    private static void addSrcset(String srcset, List<Reference> out) {
        if (srcset != null) srcsetUrls(srcset).forEach(url -> add(url, out));
    }

    /** The URLs of a srcset, after the HTML standard's candidate syntax: "url [descriptor], url [descriptor]". */
    static List<String> srcsetUrls(String srcset) {
        List<String> urls = new ArrayList<>();
        int i = 0;
        int n = srcset.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(srcset.charAt(i)) || srcset.charAt(i) == ',')) i++;
            if (i >= n) break;
            int start = i;
            while (i < n && !Character.isWhitespace(srcset.charAt(i))) i++;
            String url = srcset.substring(start, i);
            if (url.endsWith(",")) {
                int cut = url.length();
                while (cut > 0 && url.charAt(cut - 1) == ',') cut--;
                urls.add(url.substring(0, cut));
                continue;
            }
            urls.add(url);
            int depth = 0;
            for (; i < n; i++) {
                char c = srcset.charAt(i);
                if (c == '(') depth++;
                else if (c == ')') depth--;
                else if (c == ',' && depth <= 0) {
                    i++;
                    break;
                }
            }
        }
        return urls;
    }

    private static boolean hasMediaExtension(String link) {
        String path = uri(link).map(URI::getRawPath).orElse("").toLowerCase(Locale.ROOT);
        int dot = path.lastIndexOf('.');
        return dot >= 0 && path.lastIndexOf('/') < dot && MEDIA_EXTENSIONS.contains(path.substring(dot));
    }

    private static Optional<URI> uri(String link) {
        try {
            return Optional.of(new URI(link));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
