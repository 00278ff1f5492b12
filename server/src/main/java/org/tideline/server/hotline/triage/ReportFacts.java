package org.tideline.server.hotline.triage;

import java.util.Objects;
import java.util.Optional;

/**
 * What is known about a new report when it is triaged, before anyone has looked at what it links to.
 *
 * @param category               what the reporter says it is
 * @param childInImmediateDanger the reporter ticked "a child is in immediate danger"
 * @param siteType               where the reporter saw it
 * @param known                  what the known-URL list says about the URL ({@link KnownUrls#match})
 * @param duplicateReports       how many other reports, open or closed, have the same {@link NormalisedUrl#key()}
 */
public record ReportFacts(
        ReportCategory category,
        boolean childInImmediateDanger,
        SiteType siteType,
        Optional<KnownUrl> known,
        int duplicateReports) {

    public ReportFacts {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(siteType, "siteType");
        Objects.requireNonNull(known, "known");
        if (duplicateReports < 0) {
            throw new IllegalArgumentException("duplicateReports must not be negative");
        }
    }
}
