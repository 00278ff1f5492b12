package org.tideline.server.hotline.capture;

import java.util.List;
import java.util.Optional;

/**
 * What a capture brought back, all in memory.
 *
 * @param finalUrl the URL the reported one led to after redirects
 * @param status the HTTP status of that final response (a success)
 * @param page the HTML page; empty when the reported URL was itself an image or video, which is then the one item
 * @param items the media fetched, in the order the page links them
 * @param skipped media the page links but that was not fetched, each with the reason
 */
public record Capture(String finalUrl, int status, Optional<Page> page, List<CapturedItem> items, List<Skipped> skipped) {

    public Capture {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
    }
}
