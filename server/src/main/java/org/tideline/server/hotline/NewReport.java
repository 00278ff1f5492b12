package org.tideline.server.hotline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tideline.server.hotline.triage.ReportCategory;
import org.tideline.server.hotline.triage.SiteType;

/**
 * A report as the reporter (a member of the public, or a partner's system) files it. Validation happens in the
 * intake, which names every problem at once ({@link ReportRejected}); nulls stand for "not chosen" here.
 *
 * @param urls as typed, one per element; blank elements are ignored
 * @param language the reporter's language ({@code en}, {@code it}), for any feedback
 */
public record NewReport(
        List<String> urls,
        SiteType site,
        ReportCategory category,
        boolean imminentRisk,
        Optional<String> description,
        Optional<String> contactEmail,
        String language) {

    public static final int MAX_URLS = 20;
    public static final int MAX_DESCRIPTION = 2000;

    public NewReport {
        urls = urls == null ? List.of() : List.copyOf(urls);
        description = Objects.requireNonNullElse(description, Optional.empty());
        contactEmail = Objects.requireNonNullElse(contactEmail, Optional.empty());
        language = language == null ? "en" : language;
    }

    @Override
    public String toString() {
        // Reported URLs, descriptions and e-mail addresses never reach a log line through toString.
        return "NewReport[urls=" + urls.size() + ", site=" + site + ", category=" + category + "]";
    }
}
