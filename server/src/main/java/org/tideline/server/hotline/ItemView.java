package org.tideline.server.hotline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A captured media item as an analyst's page shows it: hashes, what the banks knew, what analysts recorded. The
 * bytes are fetched separately (blurred preview, or the revealed view after an explicit, audited reveal).
 *
 * @param mediaAvailable false once retention has destroyed the bytes (hashes and decisions stay)
 */
public record ItemView(
        long id,
        long urlId,
        String contentType,
        long sizeBytes,
        String md5,
        String sha256,
        Optional<String> pdq,
        Optional<Integer> pdqQuality,
        ItemState state,
        Optional<String> matchedBank,
        Optional<String> knownVerdicts,
        Map<String, Object> attributes,
        List<String> verdicts,
        Optional<String> assessedBy,
        Optional<String> confirmedBy,
        boolean mediaAvailable) {

    public boolean isVideo() {
        return contentType.startsWith("video/");
    }
}
