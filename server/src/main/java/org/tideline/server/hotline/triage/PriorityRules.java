package org.tideline.server.hotline.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The priority of a new report, all rules in one place (docs/hotline-triage.md has them as a table). A
 * {@link Triage} lists the reason of every rule that applied, in this order:
 *
 * <ol>
 *   <li><b>Imminent risk.</b> A reporter's "a child is in immediate danger" makes it {@code IMMINENT_RISK} and alerts
 *       a supervisor, whatever else is known. No list argues a reporter out of it; an analyst can. The other rules
 *       still record their reasons.</li>
 *   <li><b>What it is.</b> Grooming or sextortion is {@code HIGH}: someone is in contact with a child now, and
 *       sextortion can end in self-harm within hours. Abuse material is {@code NORMAL}, or {@code HIGH} on file
 *       sharing and chat, where links expire and groups vanish before a late capture (and a capture is what yields
 *       hashes for the banks). Other harm is {@code LOW}: usually for another organisation.</li>
 *   <li><b>Known benign URL.</b> A URL the list holds as benign is {@code LOW}, unless it is grooming or
 *       sextortion, where a listed page (a profile, a chat room) says nothing about who is using it now. A benign
 *       <em>host or domain</em> changes nothing and is only recorded: abuse is posted on legitimate platforms.</li>
 *   <li><b>Known abuse.</b> A URL, host or domain the list holds as abuse is at least {@code HIGH}: the material is
 *       back or still up, and removal can start from the earlier assessment without anyone viewing it again.</li>
 *   <li><b>Widely reported.</b> {@value #WIDELY_REPORTED_AT} or more other reports of the same URL make it at least
 *       {@code HIGH}: it is circulating. This comes after the benign rule on purpose, as many people reporting a page
 *       once assessed as benign suggests it has changed.</li>
 * </ol>
 *
 * <p>Only {@code IMMINENT_RISK} alerts. A report that joins an open report of the same URL should raise that
 * report's priority to the more urgent of the two and never lower it; that is storage's to do.
 */
public final class PriorityRules {
    /** Other reports of one URL from which it counts as circulating; a starting point to tune with real queues. */
    public static final int WIDELY_REPORTED_AT = 5;

    private static final Set<SiteType> SHORT_LIVED = Set.of(SiteType.FILE_SHARING, SiteType.CHAT_OR_MESSAGING);

    private PriorityRules() {
    }

    public static Triage decide(ReportFacts facts) {
        List<TriageReason> reasons = new ArrayList<>();
        if (facts.childInImmediateDanger()) {
            reasons.add(TriageReason.CHILD_IN_IMMEDIATE_DANGER);
        }
        Priority priority = byCategory(facts, reasons);

        KnownUrl known = facts.known().orElse(null);
        if (known != null && known.kind() == KnownUrl.Kind.KNOWN_BENIGN) {
            if (known.scope() == KnownUrl.Scope.URL) {
                reasons.add(TriageReason.KNOWN_BENIGN_URL);
                if (facts.category() != ReportCategory.GROOMING_OR_SEXTORTION) {
                    priority = Priority.LOW;
                }
            } else {
                reasons.add(TriageReason.KNOWN_BENIGN_SITE);
            }
        }
        if (known != null && known.kind() == KnownUrl.Kind.KNOWN_ABUSE) {
            reasons.add(known.scope() == KnownUrl.Scope.URL
                    ? TriageReason.KNOWN_ABUSE_URL : TriageReason.KNOWN_ABUSE_SITE);
            priority = Priority.mostUrgent(priority, Priority.HIGH);
        }
        if (facts.duplicateReports() >= WIDELY_REPORTED_AT) {
            reasons.add(TriageReason.WIDELY_REPORTED);
            priority = Priority.mostUrgent(priority, Priority.HIGH);
        }
        if (facts.childInImmediateDanger()) {
            priority = Priority.IMMINENT_RISK; // last, so that no other rule can change it
        }
        return new Triage(priority, priority == Priority.IMMINENT_RISK, reasons);
    }

    private static Priority byCategory(ReportFacts facts, List<TriageReason> reasons) {
        return switch (facts.category()) {
            case GROOMING_OR_SEXTORTION -> {
                reasons.add(TriageReason.LIVE_CONTACT_WITH_CHILD);
                yield Priority.HIGH;
            }
            case CSAM -> {
                reasons.add(TriageReason.CSAM_REPORTED);
                if (SHORT_LIVED.contains(facts.siteType())) {
                    reasons.add(TriageReason.SHORT_LIVED_SITE);
                    yield Priority.HIGH;
                }
                yield Priority.NORMAL;
            }
            case OTHER_HARM -> {
                reasons.add(TriageReason.OTHER_HARM_REPORTED);
                yield Priority.LOW;
            }
        };
    }
}
