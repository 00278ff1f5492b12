/**
 * Triage of hotline reports, the pure-logic part: what a reported URL is in canonical form, whether a list already
 * knows it, and how urgent the report is. Storage, de-duplication queries and the report form are wired elsewhere;
 * nothing here touches a database or logs.
 *
 * <ul>
 *   <li>{@link org.tideline.server.hotline.triage.UrlNormaliser} makes a {@link
 *       org.tideline.server.hotline.triage.NormalisedUrl} of a reported URL, or refuses it with a {@link
 *       org.tideline.server.hotline.triage.BadUrl} that never quotes it. {@link
 *       org.tideline.server.hotline.triage.NormalisedUrl#key()} (SHA-256 of the canonical URL) is what reports are
 *       de-duplicated by, against open reports and earlier outcomes alike.</li>
 *   <li>{@link org.tideline.server.hotline.triage.KnownUrls} matches a URL against a hotline's list of known URLs,
 *       hosts and domains.</li>
 *   <li>{@link org.tideline.server.hotline.triage.PriorityRules} decides a new report's {@link
 *       org.tideline.server.hotline.triage.Priority}, whether a supervisor is alerted, and why.</li>
 * </ul>
 *
 * <p>The rules, the tracking-parameter list and the priority table are in docs/hotline-triage.md.
 */
package org.tideline.server.hotline.triage;
