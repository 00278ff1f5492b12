package org.tideline.server.hotline.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tideline.server.hotline.triage.BadUrl.Problem;

/**
 * What a hostile or careless reporter can send: oversized text, control characters, characters that make a URL read
 * as another, and the rule that a refusal never repeats what was reported.
 */
class UrlNormaliserHostileInputTest {
    private static final String MARKER = "secretmarker";

    @Test
    void accepts_a_url_of_exactly_the_limit_and_refuses_one_character_more() {
        String prefix = "http://example.com/";
        String atLimit = prefix + "a".repeat(UrlNormaliser.MAX_LENGTH - prefix.length());
        assertThat(UrlNormaliser.normalise(atLimit).url()).hasSize(UrlNormaliser.MAX_LENGTH);
        assertThatThrownBy(() -> UrlNormaliser.normalise(atLimit + "a"))
                .isInstanceOfSatisfying(BadUrl.class, bad -> assertThat(bad.problem()).isEqualTo(Problem.TOO_LONG));
    }

    @Test
    void refuses_huge_input_by_its_length_alone() {
        String huge = "http://example.com/" + "\u0000".repeat(10_000_000); // would be CONTROL_CHARACTER if read
        assertThatThrownBy(() -> UrlNormaliser.normalise(huge))
                .isInstanceOfSatisfying(BadUrl.class, bad -> assertThat(bad.problem()).isEqualTo(Problem.TOO_LONG));
    }

    @Test
    void refuses_a_url_that_encoding_makes_longer_than_the_limit() {
        String reported = "http://example.com/" + "é".repeat(2_000); // 2,019 characters, 12,019 when encoded
        assertThatThrownBy(() -> UrlNormaliser.normalise(reported))
                .isInstanceOfSatisfying(BadUrl.class, bad -> assertThat(bad.problem()).isEqualTo(Problem.TOO_LONG));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://exa\u0000mple.com/", "http://example.com/\u0007a", "http://example.com/a\u001b[31m",
        "http://example.com/\u007fa", "http://example.com/a\u0085b", "http://example.com/?q=\u0000x"})
    void refuses_control_characters_inside(String reported) {
        assertThatThrownBy(() -> UrlNormaliser.normalise(reported)).isInstanceOfSatisfying(BadUrl.class,
                bad -> assertThat(bad.problem()).isEqualTo(Problem.CONTROL_CHARACTER));
    }

    @Test
    void strips_controls_at_either_end_as_browsers_do() {
        assertThat(UrlNormaliser.normalise("\u0000\u001fhttp://example.com/a\u0007\u007f").url())
                .isEqualTo("http://example.com/a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202E", "\u202D", "\u200F", "\u200E", "\u2066", "\u2069", "\u061C"})
    void refuses_bidi_controls_in_the_host(String control) {
        assertThatThrownBy(() -> UrlNormaliser.normalise("http://exa" + control + "mple.com/"))
                .isInstanceOfSatisfying(BadUrl.class, bad -> assertThat(bad.problem()).isEqualTo(Problem.BAD_HOST));
    }

    @Test
    void encodes_bidi_controls_in_the_path_so_they_cannot_reorder_what_an_analyst_reads() {
        // "/gpj.exe" with RIGHT-TO-LEFT OVERRIDE displays as "/exe.jpg"
        assertThat(UrlNormaliser.normalise("http://example.com/\u202Egpj.exe").url())
                .isEqualTo("http://example.com/%E2%80%AEgpj.exe");
    }

    @Test
    void refuses_lone_surrogates() {
        assertThatThrownBy(() -> UrlNormaliser.normalise("http://example.com/\uD800a")).isInstanceOfSatisfying(
                BadUrl.class, bad -> assertThat(bad.problem()).isEqualTo(Problem.INVALID_UNICODE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "javascript:alert('" + MARKER + "')", "http://" + MARKER + ".exa mple/", "http://" + MARKER + ".com:99999/",
        "http://" + MARKER + "\u0000/", "http://" + MARKER + ".\u202Ecom/", "http://" + MARKER + "..com/",
        "http://[" + MARKER + "]/", "http://[::1%" + MARKER + "]/", "http://999." + MARKER + ".1/",
        "http://" + MARKER + ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/",
        "http://" + MARKER + "/\uD800"})
    void never_repeats_the_reported_text_in_the_message_or_a_cause(String reported) {
        assertThatThrownBy(() -> UrlNormaliser.normalise(reported)).isInstanceOfSatisfying(BadUrl.class, bad -> {
            assertThat(bad.getMessage()).doesNotContain(MARKER).isEqualTo(bad.problem().description());
            assertThat(bad.getCause()).isNull();
            assertThat(bad.toString()).doesNotContain(MARKER);
        });
    }

    @Test
    void refuses_null_as_a_programming_error() {
        assertThatThrownBy(() -> UrlNormaliser.normalise(null)).isInstanceOf(NullPointerException.class);
    }
}
