package org.tideline.server.hotline.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.hotline.triage.PriorityRules.WIDELY_REPORTED_AT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The priority table of docs/hotline-triage.md, row by row, and the invariants that hold across all inputs. */
class PriorityRulesTest {

    @ParameterizedTest(name = "{0} danger={1} {2} known={3} dups={4} -> {5} alert={6} {7}")
    @CsvSource(delimiterString = "|", textBlock = """
        # category             | danger | site              | known        | dups | priority      | alert | reasons
        # Imminent risk overrides everything and alerts; the other reasons are still recorded.
        CSAM                   | true   | WEBSITE           | -            | 0    | IMMINENT_RISK | true  | CHILD_IN_IMMEDIATE_DANGER+CSAM_REPORTED
        OTHER_HARM             | true   | GAME              | -            | 0    | IMMINENT_RISK | true  | CHILD_IN_IMMEDIATE_DANGER+OTHER_HARM_REPORTED
        GROOMING_OR_SEXTORTION | true   | CHAT_OR_MESSAGING | -            | 0    | IMMINENT_RISK | true  | CHILD_IN_IMMEDIATE_DANGER+LIVE_CONTACT_WITH_CHILD
        CSAM                   | true   | WEBSITE           | BENIGN_URL   | 0    | IMMINENT_RISK | true  | CHILD_IN_IMMEDIATE_DANGER+CSAM_REPORTED+KNOWN_BENIGN_URL
        # What it is.
        GROOMING_OR_SEXTORTION | false  | SOCIAL_NETWORK    | -            | 0    | HIGH          | false | LIVE_CONTACT_WITH_CHILD
        GROOMING_OR_SEXTORTION | false  | GAME              | -            | 0    | HIGH          | false | LIVE_CONTACT_WITH_CHILD
        CSAM                   | false  | WEBSITE           | -            | 0    | NORMAL        | false | CSAM_REPORTED
        CSAM                   | false  | SOCIAL_NETWORK    | -            | 0    | NORMAL        | false | CSAM_REPORTED
        CSAM                   | false  | EMAIL             | -            | 0    | NORMAL        | false | CSAM_REPORTED
        CSAM                   | false  | FILE_SHARING      | -            | 0    | HIGH          | false | CSAM_REPORTED+SHORT_LIVED_SITE
        CSAM                   | false  | CHAT_OR_MESSAGING | -            | 0    | HIGH          | false | CSAM_REPORTED+SHORT_LIVED_SITE
        OTHER_HARM             | false  | WEBSITE           | -            | 0    | LOW           | false | OTHER_HARM_REPORTED
        OTHER_HARM             | false  | FILE_SHARING      | -            | 0    | LOW           | false | OTHER_HARM_REPORTED
        # Known benign: an exact URL lowers (not grooming); a host or domain is only recorded.
        CSAM                   | false  | FILE_SHARING      | BENIGN_URL   | 0    | LOW           | false | CSAM_REPORTED+SHORT_LIVED_SITE+KNOWN_BENIGN_URL
        GROOMING_OR_SEXTORTION | false  | SOCIAL_NETWORK    | BENIGN_URL   | 0    | HIGH          | false | LIVE_CONTACT_WITH_CHILD+KNOWN_BENIGN_URL
        CSAM                   | false  | SOCIAL_NETWORK    | BENIGN_HOST  | 0    | NORMAL        | false | CSAM_REPORTED+KNOWN_BENIGN_SITE
        CSAM                   | false  | WEBSITE           | BENIGN_DOMAIN| 0    | NORMAL        | false | CSAM_REPORTED+KNOWN_BENIGN_SITE
        # Known abuse: at least HIGH.
        CSAM                   | false  | WEBSITE           | ABUSE_URL    | 0    | HIGH          | false | CSAM_REPORTED+KNOWN_ABUSE_URL
        OTHER_HARM             | false  | WEBSITE           | ABUSE_HOST   | 0    | HIGH          | false | OTHER_HARM_REPORTED+KNOWN_ABUSE_SITE
        CSAM                   | false  | WEBSITE           | ABUSE_DOMAIN | 0    | HIGH          | false | CSAM_REPORTED+KNOWN_ABUSE_SITE
        # Widely reported: at least HIGH from the threshold on, over a benign URL too.
        CSAM                   | false  | WEBSITE           | -            | 4    | NORMAL        | false | CSAM_REPORTED
        CSAM                   | false  | WEBSITE           | -            | 5    | HIGH          | false | CSAM_REPORTED+WIDELY_REPORTED
        OTHER_HARM             | false  | WEBSITE           | -            | 50   | HIGH          | false | OTHER_HARM_REPORTED+WIDELY_REPORTED
        CSAM                   | false  | WEBSITE           | BENIGN_URL   | 5    | HIGH          | false | CSAM_REPORTED+KNOWN_BENIGN_URL+WIDELY_REPORTED
        CSAM                   | false  | FILE_SHARING      | ABUSE_URL    | 9    | HIGH          | false | CSAM_REPORTED+SHORT_LIVED_SITE+KNOWN_ABUSE_URL+WIDELY_REPORTED
        """)
    void decides_as_the_table_says(ReportCategory category, boolean danger, SiteType site, String known, int duplicates,
                                   Priority priority, boolean alert, String reasons) {
        Triage triage = PriorityRules.decide(new ReportFacts(category, danger, site, known(known), duplicates));

        assertThat(triage.priority()).isEqualTo(priority);
        assertThat(triage.alertSupervisor()).isEqualTo(alert);
        assertThat(triage.reasons()).containsExactlyElementsOf(
                Arrays.stream(reasons.split("\\+")).map(TriageReason::valueOf).toList());
    }

    @Test
    void imminent_risk_is_top_priority_and_alerts_whatever_else_is_known() {
        for (ReportFacts facts : allFacts(true)) {
            Triage triage = PriorityRules.decide(facts);
            assertThat(triage.priority()).as("%s", facts).isEqualTo(Priority.IMMINENT_RISK);
            assertThat(triage.alertSupervisor()).as("%s", facts).isTrue();
            assertThat(triage.reasons()).as("%s", facts).startsWith(TriageReason.CHILD_IN_IMMEDIATE_DANGER);
        }
    }

    @Test
    void nothing_else_reaches_imminent_risk_or_alerts() {
        for (ReportFacts facts : allFacts(false)) {
            Triage triage = PriorityRules.decide(facts);
            assertThat(triage.priority()).as("%s", facts).isNotEqualTo(Priority.IMMINENT_RISK);
            assertThat(triage.alertSupervisor()).as("%s", facts).isFalse();
            assertThat(triage.reasons()).as("%s", facts).isNotEmpty().doesNotHaveDuplicates();
        }
    }

    @Test
    void known_abuse_and_more_duplicates_never_lower_a_priority() {
        for (ReportFacts facts : allFacts(false)) {
            Priority before = PriorityRules.decide(facts).priority();
            ReportFacts knownAbuse = new ReportFacts(facts.category(), false, facts.siteType(),
                    Optional.of(new KnownUrl(KnownUrl.Kind.KNOWN_ABUSE, KnownUrl.Scope.URL)), facts.duplicateReports());
            ReportFacts moreReports = new ReportFacts(facts.category(), false, facts.siteType(), facts.known(),
                    facts.duplicateReports() + 1);
            assertThat(before.isMoreUrgentThan(PriorityRules.decide(knownAbuse).priority())).as("%s", facts).isFalse();
            assertThat(before.isMoreUrgentThan(PriorityRules.decide(moreReports).priority())).as("%s", facts).isFalse();
        }
    }

    @Test
    void a_benign_site_never_changes_the_priority() {
        for (ReportFacts facts : allFacts(false)) {
            if (facts.known().isPresent()) {
                continue;
            }
            for (KnownUrl.Scope scope : List.of(KnownUrl.Scope.HOST, KnownUrl.Scope.DOMAIN)) {
                ReportFacts benignSite = new ReportFacts(facts.category(), false, facts.siteType(),
                        Optional.of(new KnownUrl(KnownUrl.Kind.KNOWN_BENIGN, scope)), facts.duplicateReports());
                assertThat(PriorityRules.decide(benignSite).priority()).as("%s", benignSite)
                        .isEqualTo(PriorityRules.decide(facts).priority());
            }
        }
    }

    @Test
    void priorities_are_declared_most_urgent_first() {
        assertThat(Priority.values())
                .containsExactly(Priority.IMMINENT_RISK, Priority.HIGH, Priority.NORMAL, Priority.LOW);
        assertThat(Priority.IMMINENT_RISK.isMoreUrgentThan(Priority.HIGH)).isTrue();
        assertThat(Priority.LOW.isMoreUrgentThan(Priority.NORMAL)).isFalse();
        assertThat(Priority.HIGH.isMoreUrgentThan(Priority.HIGH)).isFalse();
    }

    @Test
    void refuses_a_negative_duplicate_count() {
        assertThatThrownBy(() -> new ReportFacts(ReportCategory.CSAM, false, SiteType.WEBSITE, Optional.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Optional<KnownUrl> known(String code) {
        return switch (code) {
            case "-" -> Optional.empty();
            case "ABUSE_URL" -> Optional.of(new KnownUrl(KnownUrl.Kind.KNOWN_ABUSE, KnownUrl.Scope.URL));
            case "ABUSE_HOST" -> Optional.of(new KnownUrl(KnownUrl.Kind.KNOWN_ABUSE, KnownUrl.Scope.HOST));
            case "ABUSE_DOMAIN" -> Optional.of(new KnownUrl(KnownUrl.Kind.KNOWN_ABUSE, KnownUrl.Scope.DOMAIN));
            case "BENIGN_URL" -> Optional.of(new KnownUrl(KnownUrl.Kind.KNOWN_BENIGN, KnownUrl.Scope.URL));
            case "BENIGN_HOST" -> Optional.of(new KnownUrl(KnownUrl.Kind.KNOWN_BENIGN, KnownUrl.Scope.HOST));
            case "BENIGN_DOMAIN" -> Optional.of(new KnownUrl(KnownUrl.Kind.KNOWN_BENIGN, KnownUrl.Scope.DOMAIN));
            default -> throw new IllegalArgumentException(code);
        };
    }

    /** Every category, site and list answer (none, or any kind and scope), duplicates either side of the threshold. */
    private static List<ReportFacts> allFacts(boolean danger) {
        List<Optional<KnownUrl>> knowns = new ArrayList<>();
        knowns.add(Optional.empty());
        for (KnownUrl.Kind kind : KnownUrl.Kind.values()) {
            for (KnownUrl.Scope scope : KnownUrl.Scope.values()) {
                knowns.add(Optional.of(new KnownUrl(kind, scope)));
            }
        }
        List<ReportFacts> all = new ArrayList<>();
        for (ReportCategory category : ReportCategory.values()) {
            for (SiteType site : SiteType.values()) {
                for (Optional<KnownUrl> known : knowns) {
                    for (int duplicates : new int[] {0, WIDELY_REPORTED_AT - 1, WIDELY_REPORTED_AT}) {
                        all.add(new ReportFacts(category, danger, site, known, duplicates));
                    }
                }
            }
        }
        return all;
    }
}
