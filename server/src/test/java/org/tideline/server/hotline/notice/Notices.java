package org.tideline.server.hotline.notice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notices for tests: benign example URLs under the reserved {@code .example} and {@code .test} names. */
final class Notices {

    static final HotlineIdentity HOTLINE = new HotlineIdentity("Test Hotline", "notices@hotline.test",
            Optional.of("https://hotline.test"));
    static final Instant FIRST_REPORTED = Instant.parse("2025-03-14T09:30:00Z");
    static final List<String> URLS = List.of("https://files.example/gallery/123", "https://files.example/i/9.jpg");

    private Notices() {}

    static Notice notice(String language, int attempt, boolean escalation) {
        return notice(new Recipient(RecipientKind.HOST, "abuse@host.test"), language, attempt, escalation);
    }

    static Notice notice(Recipient recipient, String language, int attempt, boolean escalation) {
        return new Notice("42", recipient, language, "TL-7K3M-Q9XP", URLS, NoticeCategory.CSAM, FIRST_REPORTED,
                attempt, escalation, HOTLINE);
    }
}
