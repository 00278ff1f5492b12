package org.tideline.server.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties that hold over every valid combination of attributes (16 age/stage pairs x 128 activity sets x 5
 * depiction/self-generated pairs), checked exhaustively: the derivation table in ClassifierTest shows examples, these
 * show there is no combination that breaks the rules stated in docs/classification.md.
 */
class SchemeInvariantsTest {
    private static final Classifier STANDARD =
            Classifier.standard(Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC));
    private static final List<Attributes> ALL = everyValidCombination();

    /** Severity within one scheme for one age and depiction: the "nothing" values lowest, category A highest. */
    private static final Map<String, Integer> SEVERITY = Map.ofEntries(
            Map.entry("NOT_IN_SCOPE", 0), Map.entry("NOT_ILLEGAL", 0), Map.entry("NOT_BASELINE", 0),
            Map.entry("AGE_UNDETERMINED", 1), Map.entry("BASELINE", 1),
            Map.entry("A2", 1), Map.entry("B2", 1), Map.entry("A1", 2), Map.entry("B1", 2),
            Map.entry("IWF_PROHIBITED", 1), Map.entry("IWF_C", 1), Map.entry("IWF_B", 2), Map.entry("IWF_A", 3));

    static List<Attributes> everyValidCombination() {
        List<Attributes> all = new ArrayList<>();
        Activity[] activities = Activity.values();
        for (AgeBand ageBand : AgeBand.values()) {
            for (PubertalStage stage : PubertalStage.values()) {
                if (!ageBand.admits(stage)) {
                    continue;
                }
                for (int mask = 0; mask < 1 << activities.length; mask++) {
                    Set<Activity> set = EnumSet.noneOf(Activity.class);
                    for (int i = 0; i < activities.length; i++) {
                        if ((mask & 1 << i) != 0) {
                            set.add(activities[i]);
                        }
                    }
                    for (Depiction depiction : Depiction.values()) {
                        all.add(new Attributes(ageBand, stage, set, depiction, false));
                    }
                    all.add(new Attributes(ageBand, stage, set, Depiction.REAL, true));
                }
            }
        }
        return all;
    }

    static List<String> values(Attributes attributes) {
        return STANDARD.classify(attributes, "analyst-7").stream().map(Verdict::value).toList();
    }

    @Test
    void covers_every_valid_combination() {
        assertThat(ALL).hasSize(16 * 128 * 5).doesNotHaveDuplicates();
    }

    @Test
    void every_value_is_one_the_scheme_declares() {
        for (Attributes attributes : ALL) {
            List<String> values = values(attributes);
            for (int i = 0; i < Scheme.values().length; i++) {
                assertThat(Scheme.values()[i].outcomes()).as("%s", attributes).contains(values.get(i));
            }
        }
    }

    @Test
    void adults_are_out_of_scope_in_every_scheme() {
        ALL.stream().filter(a -> a.ageBand() == AgeBand.ADULT).forEach(a ->
                assertThat(values(a)).as("%s", a).containsExactly("NOT_IN_SCOPE", "NOT_IN_SCOPE", "NOT_BASELINE"));
    }

    @Test
    void unknown_age_never_yields_a_criminal_category() {
        ALL.stream().filter(a -> a.ageBand() == AgeBand.UNKNOWN).forEach(a -> {
            List<String> values = values(a);
            assertThat(values.get(0)).as("%s", a).isIn("NOT_IN_SCOPE", "AGE_UNDETERMINED");
            assertThat(values.get(1)).as("%s", a).isIn("NOT_ILLEGAL", "AGE_UNDETERMINED");
            assertThat(values.get(2)).as("%s", a).isEqualTo("NOT_BASELINE");
        });
    }

    @Test
    void the_pubertal_stage_never_changes_a_verdict() {
        for (Attributes a : ALL) {
            Attributes withoutStage = new Attributes(a.ageBand(), PubertalStage.UNKNOWN, a.activities(), a.depiction(), a.selfGenerated());
            assertThat(values(a)).as("%s", a).isEqualTo(values(withoutStage));
        }
    }

    @Test
    void self_generation_never_changes_a_verdict() {
        ALL.stream().filter(Attributes::selfGenerated).forEach(a -> {
            Attributes notSelf = new Attributes(a.ageBand(), a.pubertalStage(), a.activities(), a.depiction(), false);
            assertThat(values(a)).as("%s", a).isEqualTo(values(notSelf));
        });
    }

    @Test
    void baseline_material_is_industry_category_A_and_an_iwf_photograph_category() {
        ALL.stream().map(SchemeInvariantsTest::values).filter(v -> v.get(2).equals("BASELINE")).forEach(v -> {
            assertThat(v.get(0)).isIn("A1", "A2");
            assertThat(v.get(1)).isIn("IWF_A", "IWF_B", "IWF_C");
        });
    }

    @Test
    void industry_categorised_material_is_an_iwf_photograph_category() {
        ALL.stream().map(SchemeInvariantsTest::values).filter(v -> v.get(0).matches("[AB][12]"))
                .forEach(v -> assertThat(v.get(1)).as("%s", v).isIn("IWF_A", "IWF_B", "IWF_C"));
    }

    @Test
    void adding_an_activity_never_lowers_a_verdict() {
        for (Attributes a : ALL) {
            List<String> before = values(a);
            for (Activity extra : Activity.values()) {
                Set<Activity> more = EnumSet.of(extra);
                more.addAll(a.activities());
                List<String> after = values(new Attributes(a.ageBand(), a.pubertalStage(), more, a.depiction(), a.selfGenerated()));
                for (int i = 0; i < before.size(); i++) {
                    assertThat(SEVERITY.get(after.get(i))).as("%s + %s", a, extra).isGreaterThanOrEqualTo(SEVERITY.get(before.get(i)));
                }
            }
        }
    }

    @Test
    void the_map_form_reads_back_as_the_same_attributes() {
        for (Attributes a : ALL) {
            assertThat(Attributes.parse(a.toMap())).isEqualTo(a);
        }
    }
}
