package org.tideline.server.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The record's own consistency rules and its map form, which the API and database carry (bad input becomes a 400). */
class AttributesTest {
    private static final String AGE_BANDS = "INFANT_TODDLER, PREPUBESCENT, PUBESCENT, POST_PUBESCENT_MINOR, ADULT, UNKNOWN";
    private static final String STAGES = "PREPUBESCENT, PUBESCENT, POST_PUBESCENT, UNKNOWN";
    private static final String ACTIVITIES = "PENETRATIVE_SEXUAL_ACTIVITY, NON_PENETRATIVE_SEXUAL_ACTIVITY, "
            + "SEXUAL_ACTIVITY_WITH_ANIMAL, SADISM, LASCIVIOUS_EXHIBITION, EROTIC_POSING, NUDITY_NON_SEXUAL";
    private static final String DEPICTIONS = "REAL, DRAWN, COMPUTER_GENERATED, AI_GENERATED";

    /** A valid map form; each test breaks one field. */
    static Map<String, Object> valid() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ageBand", "PUBESCENT");
        map.put("pubertalStage", "UNKNOWN");
        map.put("activities", List.of("LASCIVIOUS_EXHIBITION", "NON_PENETRATIVE_SEXUAL_ACTIVITY"));
        map.put("depiction", "REAL");
        map.put("selfGenerated", true);
        return map;
    }

    static Map<String, Object> with(String key, Object value) {
        Map<String, Object> map = valid();
        map.put(key, value);
        return map;
    }

    @Test
    void writes_the_map_form_in_field_order_with_activities_in_declaration_order() {
        Set<Activity> inputOrder = new LinkedHashSet<>(List.of(Activity.EROTIC_POSING, Activity.PENETRATIVE_SEXUAL_ACTIVITY));
        Attributes attributes = new Attributes(AgeBand.PREPUBESCENT, PubertalStage.PREPUBESCENT, inputOrder, Depiction.AI_GENERATED, false);

        Map<String, Object> map = attributes.toMap();

        assertThat(map).containsExactly(
                Map.entry("ageBand", "PREPUBESCENT"),
                Map.entry("pubertalStage", "PREPUBESCENT"),
                Map.entry("activities", List.of("PENETRATIVE_SEXUAL_ACTIVITY", "EROTIC_POSING")),
                Map.entry("depiction", "AI_GENERATED"),
                Map.entry("selfGenerated", false));
        assertThatThrownBy(() -> map.put("ageBand", "ADULT")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reads_the_map_form() {
        assertThat(Attributes.parse(valid())).isEqualTo(new Attributes(AgeBand.PUBESCENT, PubertalStage.UNKNOWN,
                Set.of(Activity.NON_PENETRATIVE_SEXUAL_ACTIVITY, Activity.LASCIVIOUS_EXHIBITION), Depiction.REAL, true));
    }

    @Test
    void reads_activities_as_comma_separated_text_and_blank_text_as_none() {
        assertThat(Attributes.parse(with("activities", " LASCIVIOUS_EXHIBITION , NON_PENETRATIVE_SEXUAL_ACTIVITY")))
                .isEqualTo(Attributes.parse(valid()));
        assertThat(Attributes.parse(with("activities", "")).activities()).isEmpty();
        assertThat(Attributes.parse(with("activities", List.of())).activities()).isEmpty();
    }

    @Test
    void reads_a_repeated_activity_once() {
        assertThat(Attributes.parse(with("activities", List.of("SADISM", "SADISM"))).activities())
                .containsExactly(Activity.SADISM);
    }

    @Test
    void reads_self_generated_as_a_boolean_or_its_text() {
        assertThat(Attributes.parse(with("selfGenerated", "true")).selfGenerated()).isTrue();
        assertThat(Attributes.parse(with("selfGenerated", "false")).selfGenerated()).isFalse();
        assertThat(Attributes.parse(with("selfGenerated", Boolean.FALSE)).selfGenerated()).isFalse();
    }

    @Test
    void reads_enum_constants_as_well_as_their_names() {
        Map<String, Object> map = with("ageBand", AgeBand.PUBESCENT);
        map.put("activities", List.of(Activity.LASCIVIOUS_EXHIBITION, "NON_PENETRATIVE_SEXUAL_ACTIVITY"));

        assertThat(Attributes.parse(map)).isEqualTo(Attributes.parse(valid()));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        ageBand       | CHILD                | field 'ageBand' must be one of %AGE_BANDS%
        ageBand       | prepubescent         | field 'ageBand' must be one of %AGE_BANDS%
        pubertalStage | TANNER_2             | field 'pubertalStage' must be one of %STAGES%
        depiction     | PHOTO                | field 'depiction' must be one of %DEPICTIONS%
        depiction     | ''                   | field 'depiction' must be one of %DEPICTIONS%
        activities    | SADISM,BONDAGE       | field 'activities' must be one of %ACTIVITIES%
        activities    | SADISM,,EROTIC_POSING| field 'activities' must be one of %ACTIVITIES%
        activities    | NONE                 | field 'activities' must be one of %ACTIVITIES%
        selfGenerated | yes                  | field 'selfGenerated' must be true or false
        selfGenerated | TRUE                 | field 'selfGenerated' must be true or false
        """)
    void rejects_a_value_naming_the_field_and_the_allowed_values(String field, String value, String expected) {
        String message = expected.replace("%AGE_BANDS%", AGE_BANDS).replace("%STAGES%", STAGES)
                .replace("%DEPICTIONS%", DEPICTIONS).replace("%ACTIVITIES%", ACTIVITIES);

        assertThatThrownBy(() -> Attributes.parse(with(field, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejects_values_of_the_wrong_type() {
        assertThatThrownBy(() -> Attributes.parse(with("ageBand", 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'ageBand' must be one of " + AGE_BANDS);
        assertThatThrownBy(() -> Attributes.parse(with("activities", 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'activities' must be a list (or a comma-separated string) of " + ACTIVITIES);
        assertThatThrownBy(() -> Attributes.parse(with("activities", List.of(Depiction.REAL))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'activities' must be one of " + ACTIVITIES);
        assertThatThrownBy(() -> Attributes.parse(with("selfGenerated", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'selfGenerated' must be true or false");
    }

    @Test
    void rejects_a_null_activity() {
        List<Object> withNull = new ArrayList<>();
        withNull.add("SADISM");
        withNull.add(null);

        assertThatThrownBy(() -> Attributes.parse(with("activities", withNull)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'activities' must not contain null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ageBand", "pubertalStage", "activities", "depiction", "selfGenerated"})
    void rejects_a_missing_field(String field) {
        Map<String, Object> absent = valid();
        absent.remove(field);
        Map<String, Object> nullValued = with(field, null);

        assertThatThrownBy(() -> Attributes.parse(absent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing field '" + field + "'");
        assertThatThrownBy(() -> Attributes.parse(nullValued))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing field '" + field + "'");
    }

    @Test
    void rejects_an_unknown_field_naming_it_and_the_fields_there_are() {
        assertThatThrownBy(() -> Attributes.parse(with("selfgenerated", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown field 'selfgenerated'; attributes have ageBand, pubertalStage, activities, depiction, selfGenerated");
    }

    @Test
    void quotes_an_unknown_field_without_control_characters_and_at_most_forty_characters() {
        Map<String, Object> forged = new HashMap<>(valid());
        forged.put("x\nINFO forged log line", 1);
        Map<String, Object> long_ = new HashMap<>(valid());
        long_.put("k".repeat(500), 1);

        assertThatThrownBy(() -> Attributes.parse(forged)).hasMessageStartingWith("unknown field 'x?INFO forged log line'");
        assertThatThrownBy(() -> Attributes.parse(long_)).hasMessageStartingWith("unknown field '" + "k".repeat(40) + "...'");
    }

    @Test
    void never_repeats_a_bad_value_in_the_message() {
        String reported = "https://example.invalid/reported/item";

        for (String field : List.of("ageBand", "pubertalStage", "activities", "depiction", "selfGenerated")) {
            assertThatThrownBy(() -> Attributes.parse(with(field, reported)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("example.invalid");
        }
    }

    @Test
    void rejects_a_pubertal_stage_that_contradicts_the_age_band() {
        assertThatThrownBy(() -> Attributes.parse(with("pubertalStage", "POST_PUBESCENT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pubertalStage POST_PUBESCENT contradicts ageBand PUBESCENT; with PUBESCENT it must be one of PUBESCENT, UNKNOWN");
        assertThatThrownBy(() -> new Attributes(AgeBand.INFANT_TODDLER, PubertalStage.PUBESCENT, Set.of(), Depiction.REAL, false))
                .hasMessage("pubertalStage PUBESCENT contradicts ageBand INFANT_TODDLER; with INFANT_TODDLER it must be one of PREPUBESCENT, UNKNOWN");
    }

    @Test
    void admits_any_stage_for_an_adult_or_an_unknown_age() {
        for (PubertalStage stage : PubertalStage.values()) {
            assertThat(AgeBand.ADULT.admits(stage)).isTrue();
            assertThat(AgeBand.UNKNOWN.admits(stage)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DRAWN", "COMPUTER_GENERATED", "AI_GENERATED"})
    void rejects_self_generated_material_that_is_not_real(String depiction) {
        assertThatThrownBy(() -> Attributes.parse(with("depiction", depiction)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("selfGenerated true requires depiction REAL (a child cannot self-generate a " + depiction + " image)");
    }

    @Test
    void copies_the_activities_and_keeps_them_unmodifiable() {
        Set<Activity> mutable = new LinkedHashSet<>(List.of(Activity.SADISM));
        Attributes attributes = new Attributes(AgeBand.UNKNOWN, PubertalStage.UNKNOWN, mutable, Depiction.REAL, false);
        mutable.add(Activity.EROTIC_POSING);

        assertThat(attributes.activities()).containsExactly(Activity.SADISM);
        assertThatThrownBy(() -> attributes.activities().add(Activity.NUDITY_NON_SEXUAL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equal_attributes_are_equal_whatever_set_they_were_built_from() {
        Attributes fromSetOf = new Attributes(AgeBand.UNKNOWN, PubertalStage.UNKNOWN,
                Set.of(Activity.SADISM, Activity.EROTIC_POSING), Depiction.REAL, false);
        Attributes fromLinked = new Attributes(AgeBand.UNKNOWN, PubertalStage.UNKNOWN,
                new LinkedHashSet<>(List.of(Activity.EROTIC_POSING, Activity.SADISM)), Depiction.REAL, false);

        assertThat(fromSetOf).isEqualTo(fromLinked).hasSameHashCodeAs(fromLinked);
    }
}
