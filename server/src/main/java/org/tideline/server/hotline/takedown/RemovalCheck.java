package org.tideline.server.hotline.takedown;

import java.util.Set;
import org.tideline.core.media.Digests;
import org.tideline.server.hotline.capture.Capture;
import org.tideline.server.hotline.capture.CapturedItem;
import org.tideline.server.hotline.capture.FetchRefused;
import org.tideline.server.hotline.capture.SafeFetcher;

/**
 * Has the material gone? Re-visits a takedown's URL through the sandboxed fetcher: the page answering 404 or 410 is
 * removal; so is the page still there but none of the media captured at confirmation (by SHA-256) on it any more.
 * A page that cannot be reached at all is not taken for removal: hosts go down and come back.
 */
public final class RemovalCheck {

    /** What a check found. */
    public enum Result {
        PRESENT, PAGE_GONE, MEDIA_GONE, UNREACHABLE;

        public boolean removed() {
            return this == PAGE_GONE || this == MEDIA_GONE;
        }
    }

    private final SafeFetcher fetcher;

    public RemovalCheck(SafeFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * @param confirmedSha256 the SHA-256 of every item captured at the URL when it was confirmed
     */
    public Result check(String url, Set<String> confirmedSha256) {
        Capture capture;
        try {
            capture = fetcher.capture(url);
        } catch (FetchRefused e) {
            return e.reason() == FetchRefused.Reason.NOT_FOUND ? Result.PAGE_GONE : Result.UNREACHABLE;
        }
        for (CapturedItem item : capture.items()) {
            if (confirmedSha256.contains(Digests.of(item.bytes()).sha256())) {
                return Result.PRESENT;
            }
        }
        return confirmedSha256.isEmpty() ? Result.PRESENT : Result.MEDIA_GONE;
    }
}
