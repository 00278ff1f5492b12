package org.tideline.server.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rule-line syntax of {@link ConfiguredRule} as the javadoc and docs/classification.md state it: order, first match,
 * default, each condition kind, and errors that say which line is wrong and why.
 */
class ConfiguredRuleTest {

    private static ConfiguredRule rule(String... lines) {
        return ConfiguredRule.parse("XX_TEST", "t.1", List.of(lines), "NOT_ILLEGAL");
    }

    private static Attributes real(AgeBand age, Activity... shown) {
        return new Attributes(age, PubertalStage.UNKNOWN, shown.length == 0 ? Set.of() : EnumSet.of(shown[0], shown),
                Depiction.REAL, false);
    }

    @Test
    void the_first_matching_rule_decides_and_the_default_covers_the_rest() {
        ConfiguredRule r = rule(
                "AGE_UNDETERMINED when age in UNKNOWN",
                "SEVERE when minor and activity in PENETRATIVE_SEXUAL_ACTIVITY",
                "ILLEGAL when minor and sexual-activity",
                "SEVERE when minor and activity in SADISM");
        assertThat(r.derive(real(AgeBand.PREPUBESCENT, Activity.PENETRATIVE_SEXUAL_ACTIVITY))).isEqualTo("SEVERE");
        // SADISM is a sexual activity, so rule 3 wins before rule 4 is reached.
        assertThat(r.derive(real(AgeBand.PUBESCENT, Activity.SADISM))).isEqualTo("ILLEGAL");
        assertThat(r.derive(real(AgeBand.UNKNOWN, Activity.SADISM))).isEqualTo("AGE_UNDETERMINED");
        assertThat(r.derive(real(AgeBand.ADULT, Activity.PENETRATIVE_SEXUAL_ACTIVITY))).isEqualTo("NOT_ILLEGAL");
        assertThat(r.derive(real(AgeBand.PREPUBESCENT, Activity.EROTIC_POSING))).isEqualTo("NOT_ILLEGAL");
    }

    /** The example in docs/classification.md, "Adding a national scheme". */
    @Test
    void the_documented_example_parses() {
        VerdictRule national = ConfiguredRule.parse("XX_PENAL_CODE", "pc-2024.1", List.of(
                "AGE_UNDETERMINED when age in UNKNOWN and sexual-activity",
                "ILLEGAL when minor and sexual-activity and depiction in REAL|COMPUTER_GENERATED|AI_GENERATED",
                "ILLEGAL when minor and activity in LASCIVIOUS_EXHIBITION"), Verdict.NOT_ILLEGAL);
        assertThat(national.outcomes()).containsExactly("AGE_UNDETERMINED", "ILLEGAL", "NOT_ILLEGAL");
        assertThat(national.derive(real(AgeBand.POST_PUBESCENT_MINOR, Activity.LASCIVIOUS_EXHIBITION)))
                .isEqualTo("ILLEGAL");
    }

    @Test
    void outcomes_are_every_rule_outcome_once_then_the_default() {
        ConfiguredRule r = rule("B when minor", "A when age in ADULT", "B when age in UNKNOWN");
        assertThat(r.outcomes()).containsExactly("B", "A", "NOT_ILLEGAL");
        assertThat(r.name()).isEqualTo("XX_TEST");
        assertThat(r.version()).isEqualTo("t.1");
    }

    @Test
    void minor_is_every_minor_band_and_never_unknown_or_adult() {
        ConfiguredRule r = rule("HIT when minor");
        for (AgeBand band : AgeBand.values()) {
            assertThat(r.derive(real(band))).as(band.name()).isEqualTo(band.isMinor() ? "HIT" : "NOT_ILLEGAL");
        }
    }

    @Test
    void unknown_age_matches_only_a_rule_that_names_it() {
        ConfiguredRule r = rule("NO_AGE_CONDITION when sexual-activity", "NAMED when age in unknown|adult");
        assertThat(r.derive(real(AgeBand.UNKNOWN, Activity.NON_PENETRATIVE_SEXUAL_ACTIVITY))).isEqualTo("NAMED");
        assertThat(r.derive(real(AgeBand.ADULT, Activity.NON_PENETRATIVE_SEXUAL_ACTIVITY)))
                .isEqualTo("NO_AGE_CONDITION");
        assertThat(rule("X when no-activity").derive(real(AgeBand.UNKNOWN))).isEqualTo("NOT_ILLEGAL");
    }

    @Test
    void age_and_stage_lists_match_any_listed_value_in_any_case() {
        ConfiguredRule r = rule("YOUNG when Age In infant_toddler | PREPUBESCENT", "DEVELOPING when stage in PUBESCENT");
        assertThat(r.derive(real(AgeBand.INFANT_TODDLER))).isEqualTo("YOUNG");
        assertThat(r.derive(real(AgeBand.PREPUBESCENT))).isEqualTo("YOUNG");
        assertThat(r.derive(new Attributes(AgeBand.PUBESCENT, PubertalStage.PUBESCENT, Set.of(), Depiction.REAL, false)))
                .isEqualTo("DEVELOPING");
        assertThat(r.derive(real(AgeBand.PUBESCENT))).isEqualTo("NOT_ILLEGAL");
    }

    @Test
    void activity_conditions_read_any_listed_any_sexual_or_none() {
        ConfiguredRule listed = rule("HIT when minor and activity in LASCIVIOUS_EXHIBITION|EROTIC_POSING");
        assertThat(listed.derive(real(AgeBand.PUBESCENT, Activity.EROTIC_POSING, Activity.NUDITY_NON_SEXUAL)))
                .isEqualTo("HIT");
        assertThat(listed.derive(real(AgeBand.PUBESCENT, Activity.NUDITY_NON_SEXUAL))).isEqualTo("NOT_ILLEGAL");

        ConfiguredRule sexual = rule("HIT when minor and sexual-activity");
        for (Activity a : Activity.values()) {
            assertThat(sexual.derive(real(AgeBand.PUBESCENT, a))).as(a.name())
                    .isEqualTo(a.isSexualActivity() ? "HIT" : "NOT_ILLEGAL");
        }

        ConfiguredRule none = rule("NOTHING when minor and no-activity");
        assertThat(none.derive(real(AgeBand.PUBESCENT))).isEqualTo("NOTHING");
        assertThat(none.derive(real(AgeBand.PUBESCENT, Activity.NUDITY_NON_SEXUAL))).isEqualTo("NOT_ILLEGAL");
    }

    @Test
    void depiction_and_self_generation_conditions() {
        ConfiguredRule r = rule(
                "SELF when minor and self-generated",
                "VIRTUAL when minor and depiction in COMPUTER_GENERATED|AI_GENERATED",
                "REAL_OTHER when minor and not self-generated and depiction in real");
        Attributes selfMade = new Attributes(AgeBand.PUBESCENT, PubertalStage.UNKNOWN,
                Set.of(Activity.LASCIVIOUS_EXHIBITION), Depiction.REAL, true);
        assertThat(r.derive(selfMade)).isEqualTo("SELF");
        assertThat(r.derive(real(AgeBand.PUBESCENT))).isEqualTo("REAL_OTHER");
        for (Depiction d : List.of(Depiction.COMPUTER_GENERATED, Depiction.AI_GENERATED)) {
            assertThat(r.derive(new Attributes(AgeBand.PUBESCENT, PubertalStage.UNKNOWN, Set.of(), d, false)))
                    .isEqualTo("VIRTUAL");
        }
        assertThat(r.derive(new Attributes(AgeBand.PUBESCENT, PubertalStage.UNKNOWN, Set.of(), Depiction.DRAWN, false)))
                .isEqualTo("NOT_ILLEGAL");
    }

    @Test
    void a_classifier_applies_it_after_the_built_in_schemes() {
        ConfiguredRule r = rule("AGE_UNDETERMINED when age in UNKNOWN", "ILLEGAL when minor and sexual-activity");
        List<VerdictRule> rules = new ArrayList<>(List.of(Scheme.values()));
        rules.add(r);
        Classifier c = Classifier.of(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), rules);
        List<Verdict> verdicts = c.classify(real(AgeBand.PREPUBESCENT, Activity.PENETRATIVE_SEXUAL_ACTIVITY), "u1");
        assertThat(verdicts).extracting(Verdict::scheme)
                .containsExactly("INDUSTRY", "IWF", "INTERPOL_BASELINE", "XX_TEST");
        assertThat(verdicts.get(3).value()).isEqualTo("ILLEGAL");
        assertThat(verdicts.get(3).schemeVersion()).isEqualTo("t.1");
    }

    @Test
    void errors_name_the_rule_line_and_the_problem() {
        assertThatThrownBy(() -> rule("A when minor", "B when age in CHILD"))
                .isInstanceOfSatisfying(ConfiguredRule.InvalidRuleException.class, e -> {
                    assertThat(e.part()).isEqualTo(ConfiguredRule.InvalidRuleException.Part.RULE);
                    assertThat(e.line()).isEqualTo(2);
                })
                .hasMessage("rule 2: unknown age band 'CHILD'; allowed: INFANT_TODDLER, PREPUBESCENT, PUBESCENT,"
                        + " POST_PUBESCENT_MINOR, ADULT, UNKNOWN");
        assertThatThrownBy(() -> rule("A when stage in TEEN")).hasMessageContaining("rule 1: unknown pubertal stage 'TEEN'")
                .hasMessageContaining("POST_PUBESCENT");
        assertThatThrownBy(() -> rule("A when activity in KISSING")).hasMessageContaining("unknown activity 'KISSING'")
                .hasMessageContaining("NUDITY_NON_SEXUAL");
        assertThatThrownBy(() -> rule("A when depiction in PAINTED")).hasMessageContaining("unknown depiction 'PAINTED'")
                .hasMessageContaining("REAL, DRAWN, COMPUTER_GENERATED, AI_GENERATED");
        assertThatThrownBy(() -> rule("A when minor", "A minor")).hasMessageContaining("rule 2: expected 'OUTCOME when");
        assertThatThrownBy(() -> rule("illegal when minor")).hasMessageContaining("rule 1: outcome must be");
        assertThatThrownBy(() -> rule("A when older")).hasMessageContaining("rule 1: unknown condition 'older'");
        assertThatThrownBy(() -> rule("A when minor and  and sexual-activity"))
                .hasMessageContaining("rule 1: unknown condition");
        assertThatThrownBy(() -> rule("A when age in PUBESCENT|")).hasMessageContaining("empty age band");
        assertThatThrownBy(() -> rule("A when age in ADULT and minor")).hasMessageContaining("two 'age' conditions");
        assertThatThrownBy(() -> rule("A when no-activity and sexual-activity")).hasMessageContaining("never hold");
    }

    @Test
    void name_version_and_default_are_checked() {
        List<String> one = List.of("A when minor");
        assertThatThrownBy(() -> ConfiguredRule.parse("IWF", "1", one, "B"))
                .isInstanceOfSatisfying(ConfiguredRule.InvalidRuleException.class,
                        e -> assertThat(e.part()).isEqualTo(ConfiguredRule.InvalidRuleException.Part.NAME))
                .hasMessageContaining("built-in");
        assertThatThrownBy(() -> ConfiguredRule.parse("it_cp", "1", one, "B")).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> ConfiguredRule.parse("IT_CP", "1 0", one, "B")).hasMessageStartingWith("version:");
        assertThatThrownBy(() -> ConfiguredRule.parse("IT_CP", "1", one, "not illegal"))
                .hasMessageStartingWith("default:");
        assertThatThrownBy(() -> ConfiguredRule.parse("A".repeat(41), "1", one, "B")).hasMessageStartingWith("name:");
    }

    @Test
    void limits_two_hundred_rules_of_a_thousand_characters() {
        List<String> many = Collections.nCopies(ConfiguredRule.MAX_RULES, "A when minor");
        assertThat(ConfiguredRule.parse("IT_CP", "1", many, "B").outcomes()).containsExactly("A", "B");
        List<String> tooMany = Collections.nCopies(ConfiguredRule.MAX_RULES + 1, "A when minor");
        assertThatThrownBy(() -> ConfiguredRule.parse("IT_CP", "1", tooMany, "B")).hasMessageContaining("1 to 200 rules");
        assertThatThrownBy(() -> ConfiguredRule.parse("IT_CP", "1", List.of(), "B")).hasMessageContaining("1 to 200 rules");

        String longest = "A when age in " + "PUBESCENT|".repeat(98) + "ADULT";
        longest = longest + " ".repeat(ConfiguredRule.MAX_LINE_LENGTH - longest.length());
        assertThat(longest).hasSize(1_000);
        assertThat(rule(longest).derive(real(AgeBand.ADULT))).isEqualTo("A");
        String tooLong = longest + " ";
        assertThatThrownBy(() -> rule("A when minor", tooLong)).hasMessage("rule 2: longer than 1000 characters");
    }
}
