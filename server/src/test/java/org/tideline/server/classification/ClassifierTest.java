package org.tideline.server.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The derivation table: what each built-in scheme says for a given set of attributes. The expected values follow the
 * rules stated in IndustryRule, IwfRule and InterpolBaselineRule (Tech Coalition 2022 industry classification, UK
 * Sentencing Council 2014 categories with CJA 2009 s.62 prohibited images, INTERPOL baseline) and docs/classification.md.
 */
class ClassifierTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30.123456789Z");
    private static final Classifier STANDARD = Classifier.standard(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "{0} {1} {2} {3} self={4} -> {5} {6} {7}")
    @CsvSource(delimiterString = "|", textBlock = """
        # age band           | stage          | activities ('+' joins, '-' none)                          | depiction          | self  | INDUSTRY         | IWF              | INTERPOL
        # Real children: the letter follows the age band, the digit and the IWF category the most severe activity.
        INFANT_TODDLER       | UNKNOWN        | PENETRATIVE_SEXUAL_ACTIVITY                               | REAL               | false | A1               | IWF_A            | BASELINE
        INFANT_TODDLER       | PREPUBESCENT   | NUDITY_NON_SEXUAL                                         | REAL               | false | NOT_IN_SCOPE     | NOT_ILLEGAL      | NOT_BASELINE
        PREPUBESCENT         | PREPUBESCENT   | NON_PENETRATIVE_SEXUAL_ACTIVITY                           | REAL               | false | A1               | IWF_B            | BASELINE
        PREPUBESCENT         | UNKNOWN        | SEXUAL_ACTIVITY_WITH_ANIMAL                               | REAL               | false | A1               | IWF_A            | BASELINE
        PREPUBESCENT         | UNKNOWN        | SADISM                                                    | REAL               | false | A1               | IWF_A            | BASELINE
        PREPUBESCENT         | PREPUBESCENT   | LASCIVIOUS_EXHIBITION                                     | REAL               | false | A2               | IWF_C            | BASELINE
        PREPUBESCENT         | PREPUBESCENT   | EROTIC_POSING                                             | REAL               | false | NOT_IN_SCOPE     | IWF_C            | NOT_BASELINE
        PREPUBESCENT         | PREPUBESCENT   | NUDITY_NON_SEXUAL                                         | REAL               | false | NOT_IN_SCOPE     | NOT_ILLEGAL      | NOT_BASELINE
        PREPUBESCENT         | UNKNOWN        | -                                                         | REAL               | false | NOT_IN_SCOPE     | NOT_ILLEGAL      | NOT_BASELINE
        PREPUBESCENT         | PREPUBESCENT   | LASCIVIOUS_EXHIBITION+EROTIC_POSING                       | REAL               | false | A2               | IWF_C            | BASELINE
        PREPUBESCENT         | UNKNOWN        | NON_PENETRATIVE_SEXUAL_ACTIVITY+LASCIVIOUS_EXHIBITION     | REAL               | false | A1               | IWF_B            | BASELINE
        PREPUBESCENT         | UNKNOWN        | PENETRATIVE_SEXUAL_ACTIVITY+EROTIC_POSING+NUDITY_NON_SEXUAL | REAL             | false | A1               | IWF_A            | BASELINE
        PUBESCENT            | PUBESCENT      | PENETRATIVE_SEXUAL_ACTIVITY                               | REAL               | false | B1               | IWF_A            | NOT_BASELINE
        PUBESCENT            | UNKNOWN        | NON_PENETRATIVE_SEXUAL_ACTIVITY                           | REAL               | true  | B1               | IWF_B            | NOT_BASELINE
        PUBESCENT            | PUBESCENT      | LASCIVIOUS_EXHIBITION                                     | REAL               | true  | B2               | IWF_C            | NOT_BASELINE
        POST_PUBESCENT_MINOR | POST_PUBESCENT | NON_PENETRATIVE_SEXUAL_ACTIVITY                           | REAL               | false | B1               | IWF_B            | NOT_BASELINE
        POST_PUBESCENT_MINOR | UNKNOWN        | LASCIVIOUS_EXHIBITION                                     | REAL               | true  | B2               | IWF_C            | NOT_BASELINE
        POST_PUBESCENT_MINOR | POST_PUBESCENT | EROTIC_POSING                                             | REAL               | false | NOT_IN_SCOPE     | IWF_C            | NOT_BASELINE
        # Adults are out of scope whatever they show, an established adult who looks younger included.
        ADULT                | POST_PUBESCENT | PENETRATIVE_SEXUAL_ACTIVITY                               | REAL               | false | NOT_IN_SCOPE     | NOT_IN_SCOPE     | NOT_BASELINE
        ADULT                | PUBESCENT      | LASCIVIOUS_EXHIBITION                                     | REAL               | false | NOT_IN_SCOPE     | NOT_IN_SCOPE     | NOT_BASELINE
        ADULT                | UNKNOWN        | -                                                         | DRAWN              | false | NOT_IN_SCOPE     | NOT_IN_SCOPE     | NOT_BASELINE
        # Unknown age: never a category; AGE_UNDETERMINED only where the content would be categorised.
        UNKNOWN              | POST_PUBESCENT | PENETRATIVE_SEXUAL_ACTIVITY                               | REAL               | false | AGE_UNDETERMINED | AGE_UNDETERMINED | NOT_BASELINE
        UNKNOWN              | PREPUBESCENT   | LASCIVIOUS_EXHIBITION                                     | REAL               | false | AGE_UNDETERMINED | AGE_UNDETERMINED | NOT_BASELINE
        UNKNOWN              | UNKNOWN        | EROTIC_POSING                                             | REAL               | false | NOT_IN_SCOPE     | AGE_UNDETERMINED | NOT_BASELINE
        UNKNOWN              | UNKNOWN        | NUDITY_NON_SEXUAL                                         | REAL               | false | NOT_IN_SCOPE     | NOT_ILLEGAL      | NOT_BASELINE
        UNKNOWN              | UNKNOWN        | PENETRATIVE_SEXUAL_ACTIVITY                               | DRAWN              | false | NOT_IN_SCOPE     | AGE_UNDETERMINED | NOT_BASELINE
        UNKNOWN              | UNKNOWN        | -                                                         | AI_GENERATED       | false | NOT_IN_SCOPE     | NOT_ILLEGAL      | NOT_BASELINE
        # Photorealistic generated images: pseudo-photographs for IWF, indistinguishable for industry, never baseline.
        PREPUBESCENT         | PREPUBESCENT   | PENETRATIVE_SEXUAL_ACTIVITY                               | COMPUTER_GENERATED | false | A1               | IWF_A            | NOT_BASELINE
        PREPUBESCENT         | UNKNOWN        | LASCIVIOUS_EXHIBITION                                     | AI_GENERATED       | false | A2               | IWF_C            | NOT_BASELINE
        PUBESCENT            | UNKNOWN        | EROTIC_POSING                                             | AI_GENERATED       | false | NOT_IN_SCOPE     | IWF_C            | NOT_BASELINE
        # Non-photographic images: IWF prohibited images for a genital focus or an s.62(7) act, outside industry and baseline.
        PREPUBESCENT         | UNKNOWN        | PENETRATIVE_SEXUAL_ACTIVITY                               | DRAWN              | false | NOT_IN_SCOPE     | IWF_PROHIBITED   | NOT_BASELINE
        PUBESCENT            | UNKNOWN        | NON_PENETRATIVE_SEXUAL_ACTIVITY                           | DRAWN              | false | NOT_IN_SCOPE     | IWF_PROHIBITED   | NOT_BASELINE
        INFANT_TODDLER       | UNKNOWN        | SEXUAL_ACTIVITY_WITH_ANIMAL                               | DRAWN              | false | NOT_IN_SCOPE     | IWF_PROHIBITED   | NOT_BASELINE
        POST_PUBESCENT_MINOR | UNKNOWN        | LASCIVIOUS_EXHIBITION                                     | DRAWN              | false | NOT_IN_SCOPE     | IWF_PROHIBITED   | NOT_BASELINE
        PREPUBESCENT         | UNKNOWN        | SADISM                                                    | DRAWN              | false | NOT_IN_SCOPE     | NOT_ILLEGAL      | NOT_BASELINE
        PREPUBESCENT         | UNKNOWN        | SADISM+PENETRATIVE_SEXUAL_ACTIVITY                        | DRAWN              | false | NOT_IN_SCOPE     | IWF_PROHIBITED   | NOT_BASELINE
        PREPUBESCENT         | UNKNOWN        | EROTIC_POSING                                             | DRAWN              | false | NOT_IN_SCOPE     | NOT_ILLEGAL      | NOT_BASELINE
        """)
    void derives_each_scheme_verdict_from_the_attributes(AgeBand ageBand, PubertalStage stage, String activities,
            Depiction depiction, boolean selfGenerated, String industry, String iwf, String interpol) {
        Attributes attributes = new Attributes(ageBand, stage, activities(activities), depiction, selfGenerated);

        List<Verdict> verdicts = STANDARD.classify(attributes, "analyst-7");

        assertThat(verdicts).extracting(Verdict::value).containsExactly(industry, iwf, interpol);
    }

    @Test
    void stamps_every_verdict_with_scheme_version_assessor_and_one_instant_truncated_to_microseconds() {
        Attributes attributes = new Attributes(AgeBand.PREPUBESCENT, PubertalStage.UNKNOWN,
                Set.of(Activity.LASCIVIOUS_EXHIBITION), Depiction.REAL, false);

        List<Verdict> verdicts = STANDARD.classify(attributes, "analyst-7");

        Instant micros = Instant.parse("2025-03-01T10:15:30.123456Z");
        assertThat(verdicts).containsExactly(
                new Verdict("INDUSTRY", "tc-2022.1", "A2", "analyst-7", micros),
                new Verdict("IWF", "sc-2014.1", "IWF_C", "analyst-7", micros),
                new Verdict("INTERPOL_BASELINE", "baseline.1", "BASELINE", "analyst-7", micros));
    }

    @Test
    void standard_classifier_applies_the_built_in_schemes_in_declaration_order() {
        assertThat(STANDARD.rules()).containsExactly(Scheme.INDUSTRY, Scheme.IWF, Scheme.INTERPOL_BASELINE);
        assertThat(Scheme.INDUSTRY.outcomes())
                .containsExactlyInAnyOrder("A1", "A2", "B1", "B2", "NOT_IN_SCOPE", "AGE_UNDETERMINED");
        assertThat(Scheme.IWF.outcomes()).containsExactlyInAnyOrder(
                "IWF_A", "IWF_B", "IWF_C", "IWF_PROHIBITED", "NOT_ILLEGAL", "NOT_IN_SCOPE", "AGE_UNDETERMINED");
        assertThat(Scheme.INTERPOL_BASELINE.outcomes()).containsExactlyInAnyOrder("BASELINE", "NOT_BASELINE");
    }

    /** A stand-in national law: any depiction of a minor, drawn included, in a sexual act or with a genital focus. */
    record ExampleNationalRule() implements VerdictRule {
        @Override
        public String name() {
            return "EXAMPLE_NATIONAL";
        }

        @Override
        public String version() {
            return "act-2024.1";
        }

        @Override
        public Set<String> outcomes() {
            return Set.of("ILLEGAL", Verdict.NOT_ILLEGAL, Verdict.AGE_UNDETERMINED);
        }

        @Override
        public String derive(Attributes attributes) {
            if (!attributes.showsSexualActivity() && !attributes.activities().contains(Activity.LASCIVIOUS_EXHIBITION)) {
                return Verdict.NOT_ILLEGAL;
            }
            if (attributes.ageBand() == AgeBand.UNKNOWN) {
                return Verdict.AGE_UNDETERMINED;
            }
            return attributes.ageBand().isMinor() ? "ILLEGAL" : Verdict.NOT_ILLEGAL;
        }
    }

    @Test
    void a_deployment_adds_a_national_rule_after_the_built_in_schemes() {
        List<VerdictRule> rules = List.of(Scheme.INDUSTRY, Scheme.IWF, Scheme.INTERPOL_BASELINE, new ExampleNationalRule());
        Classifier classifier = Classifier.of(Clock.fixed(NOW, ZoneOffset.UTC), rules);
        Attributes drawn = new Attributes(AgeBand.PUBESCENT, PubertalStage.UNKNOWN,
                Set.of(Activity.NON_PENETRATIVE_SEXUAL_ACTIVITY), Depiction.DRAWN, false);

        List<Verdict> verdicts = classifier.classify(drawn, "analyst-7");

        assertThat(verdicts).extracting(Verdict::scheme)
                .containsExactly("INDUSTRY", "IWF", "INTERPOL_BASELINE", "EXAMPLE_NATIONAL");
        assertThat(verdicts).extracting(Verdict::value)
                .containsExactly("NOT_IN_SCOPE", "IWF_PROHIBITED", "NOT_BASELINE", "ILLEGAL");
        assertThat(verdicts.get(3).schemeVersion()).isEqualTo("act-2024.1");
    }

    @Test
    void refuses_a_rule_value_outside_its_declared_outcomes() {
        VerdictRule stray = new VerdictRule() {
            @Override
            public String name() {
                return "EXAMPLE_NATIONAL";
            }

            @Override
            public String version() {
                return "act-2024.1";
            }

            @Override
            public Set<String> outcomes() {
                return Set.of("ILLEGAL", Verdict.NOT_ILLEGAL);
            }

            @Override
            public String derive(Attributes attributes) {
                return "MAYBE";
            }
        };
        Classifier classifier = Classifier.of(Clock.systemUTC(), List.of(stray));
        Attributes attributes = new Attributes(AgeBand.ADULT, PubertalStage.UNKNOWN, Set.of(), Depiction.REAL, false);

        assertThatThrownBy(() -> classifier.classify(attributes, "analyst-7"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EXAMPLE_NATIONAL")
                .hasMessageContaining("outside its declared outcomes");
    }

    @Test
    void rejects_two_rules_with_one_name() {
        assertThatThrownBy(() -> Classifier.of(Clock.systemUTC(), List.of(new ExampleNationalRule(), new ExampleNationalRule())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two rules are named EXAMPLE_NATIONAL");
    }

    @Test
    void rejects_an_empty_rule_list() {
        assertThatThrownBy(() -> Classifier.of(Clock.systemUTC(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one rule");
    }

    @Test
    void rejects_a_blank_assessor() {
        Attributes attributes = new Attributes(AgeBand.ADULT, PubertalStage.UNKNOWN, Set.of(), Depiction.REAL, false);

        assertThatThrownBy(() -> STANDARD.classify(attributes, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assessor must not be blank");
    }

    static Set<Activity> activities(String joined) {
        if (joined.equals("-")) {
            return Set.of();
        }
        Set<Activity> activities = EnumSet.noneOf(Activity.class);
        Arrays.stream(joined.split("\\+")).map(String::strip).map(Activity::valueOf).forEach(activities::add);
        return activities;
    }
}
