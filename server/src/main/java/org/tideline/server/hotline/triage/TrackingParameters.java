package org.tideline.server.hotline.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters that only say how someone reached a page (campaign, click and share identifiers), removed so
 * that one page shared through different channels is one key. This is the one list; docs/hotline-triage.md copies it.
 *
 * <p>A parameter is removed only when its name cannot plausibly select content. Names specific to one analytics or
 * advertising product go everywhere; short generic names ({@code si}, {@code spm}, {@code ref_src}) go only on the
 * sites that add them, because elsewhere they may be the very parameter that picks the page, and merging two pages
 * into one key hides the second report. Names are compared case-insensitively after percent-normalisation, so
 * {@code utm%5Fsource} and {@code UTM_SOURCE} are {@code utm_source}.
 *
 * <p>The remaining parameters keep their order. Sorting would merge more duplicates, but servers may read repeated
 * or positional parameters in order, and a missed duplicate costs a second look while a false one costs a report.
 * Empty parameters ({@code a=1&&b=2}) are dropped: no server tells them apart.
 */
final class TrackingParameters {
    /** Google Analytics campaign parameters, {@code utm_source}, {@code utm_medium} and the rest. */
    static final String CAMPAIGN_PREFIX = "utm_";

    /** Click and share identifiers, each specific to one product. */
    static final Set<String> EVERYWHERE = Set.of(
            "fbclid",              // Facebook click
            "gclid", "dclid",      // Google Ads, Display & Video 360
            "gbraid", "wbraid",    // Google Ads on iOS
            "msclkid",             // Microsoft Advertising
            "mc_cid", "mc_eid",    // Mailchimp campaign and recipient
            "igshid",              // Instagram share
            "_hsenc", "_hsmi",     // HubSpot email
            "yclid",               // Yandex
            "twclid",              // X (Twitter) Ads
            "ttclid",              // TikTok Ads
            "s_cid");              // Adobe Analytics campaign

    /** Generic names that are tracking on these sites (and their subdomains) only. */
    static final Map<String, Set<String>> ON_SITES = Map.of(
            "si", Set.of("youtube.com", "youtu.be", "spotify.com"),      // share identifier
            "igsh", Set.of("instagram.com"),                              // newer Instagram share identifier
            "ref_src", Set.of("twitter.com", "x.com"),                    // referring page
            "spm", Set.of("aliexpress.com", "alibaba.com", "taobao.com", "tmall.com")); // Alibaba analytics

    private TrackingParameters() {
    }

    /**
     * The query (without '?') with each parameter percent-normalised and tracking parameters and empty ones
     * removed; empty when nothing is left.
     */
    static String strip(String query, String host) {
        List<String> kept = new ArrayList<>();
        for (String parameter : query.split("&", -1)) {
            if (parameter.isEmpty()) {
                continue;
            }
            String normalised = PercentEncoding.normalise(parameter, PercentEncoding.QUERY_RAW);
            int equals = normalised.indexOf('=');
            String name = equals < 0 ? normalised : normalised.substring(0, equals);
            if (!isTracking(name, host)) {
                kept.add(normalised);
            }
        }
        return String.join("&", kept);
    }

    static boolean isTracking(String name, String host) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(CAMPAIGN_PREFIX) || EVERYWHERE.contains(lower)) {
            return true;
        }
        Set<String> sites = ON_SITES.get(lower);
        return sites != null && sites.stream().anyMatch(site -> host.equals(site) || host.endsWith("." + site));
    }
}
