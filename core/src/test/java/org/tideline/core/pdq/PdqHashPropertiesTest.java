package org.tideline.core.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link PdqHash} as a value: Hamming distance is a metric on 256-bit hashes, and the 64-hex-digit text form
 * round-trips and refuses everything else with an {@link IllegalArgumentException} that names the problem without
 * echoing the text. Hashes are arbitrary (any four longs), biased by jqwik towards edge values such as all-zero
 * and all-one words.
 */
class PdqHashPropertiesTest {

    private static final String SEED = "1123581321";

    @Provide
    Arbitrary<PdqHash> hashes() {
        Arbitrary<Long> word = Arbitraries.longs();
        return Combinators.combine(word, word, word, word).as(PdqHash::new);
    }

    // ---- Hamming distance ----------------------------------------------------------------------------------------

    @Property(seed = SEED)
    void distance_is_zero_exactly_between_equal_hashes(@ForAll("hashes") PdqHash a, @ForAll("hashes") PdqHash b) {
        assertThat(a.distance(a)).isZero();
        assertThat(a.distance(b) == 0).isEqualTo(a.equals(b));
    }

    @Property(seed = SEED)
    void distance_is_symmetric(@ForAll("hashes") PdqHash a, @ForAll("hashes") PdqHash b) {
        assertThat(a.distance(b)).isEqualTo(b.distance(a));
    }

    @Property(seed = SEED)
    void distance_obeys_the_triangle_inequality(@ForAll("hashes") PdqHash a, @ForAll("hashes") PdqHash b,
                                                @ForAll("hashes") PdqHash c) {
        assertThat(a.distance(c)).isLessThanOrEqualTo(a.distance(b) + b.distance(c));
    }

    @Property(seed = SEED)
    void distance_is_the_number_of_differing_bits_between_0_and_256(@ForAll("hashes") PdqHash a,
                                                                     @ForAll("hashes") PdqHash b) {
        int differing = 0;
        for (int k = 0; k < PdqHash.BITS; k++) {
            if (a.bit(k) != b.bit(k)) differing++;
        }
        assertThat(a.distance(b)).isEqualTo(differing).isBetween(0, PdqHash.BITS);
    }

    @Property(seed = SEED)
    void flipping_one_bit_moves_a_hash_by_one(@ForAll("hashes") PdqHash a, @ForAll @IntRange(max = 255) int k) {
        assertThat(a.flip(k).distance(a)).isEqualTo(1);
        assertThat(a.flip(k).bit(k)).isNotEqualTo(a.bit(k));
        assertThat(a.flip(k).flip(k)).isEqualTo(a);
    }

    @Example
    void a_hash_and_its_complement_are_256_apart() {
        PdqHash zero = new PdqHash(0, 0, 0, 0);
        PdqHash ones = new PdqHash(-1, -1, -1, -1);
        assertThat(zero.distance(ones)).isEqualTo(256);
    }

    // ---- Hex ---------------------------------------------------------------------------------------------------

    @Property(seed = SEED)
    void hex_round_trips_as_64_lower_case_digits(@ForAll("hashes") PdqHash h) {
        String hex = h.toHex();

        assertThat(hex).hasSize(PdqHash.HEX_LENGTH).matches("[0-9a-f]{64}");
        assertThat(PdqHash.fromHex(hex)).isEqualTo(h);
    }

    @Property(seed = SEED)
    void upper_case_and_surrounding_whitespace_are_accepted(@ForAll("hashes") PdqHash h) {
        assertThat(PdqHash.fromHex(h.toHex().toUpperCase(Locale.ROOT))).isEqualTo(h);
        assertThat(PdqHash.fromHex(" \t" + h.toHex() + "\r\n")).isEqualTo(h);
    }

    @Property(seed = SEED)
    void the_hex_is_the_big_endian_number_whose_bit_k_is_bit_k(@ForAll("hashes") PdqHash h,
                                                                @ForAll @IntRange(max = 255) int k) {
        // Bit k is hex digit 63 - k / 4, value 1 << (k % 4): the order the C++ reference prints.
        int digit = Character.digit(h.toHex().charAt(63 - k / 4), 16);
        assertThat((digit >> (k % 4) & 1) == 1).isEqualTo(h.bit(k));
    }

    @Provide
    Arbitrary<String> wrongLengthHex() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(0).ofMaxLength(200)
                .filter(s -> s.length() != PdqHash.HEX_LENGTH);
    }

    @Property(seed = SEED)
    void a_wrong_number_of_digits_is_refused_with_the_length(@ForAll("wrongLengthHex") String text) {
        assertThatThrownBy(() -> PdqHash.fromHex(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PDQ hash must be 64 hex digits, got " + text.length() + " characters");
    }

    @Provide
    Arbitrary<Character> nonHexChars() {
        // Anything but ASCII hex digits: other ASCII, and the Unicode digits and letters that Character.digit
        // would read as hex (fullwidth A, Arabic-Indic three), which no PDQ tool writes.
        return Arbitraries.oneOf(Arbitraries.chars().all(), Arbitraries.of('\uFF21', '\uFF41', '\u0663', 'g', 'x'))
                .filter(c -> "0123456789abcdefABCDEF".indexOf(c) < 0 && !Character.isWhitespace(c));
    }

    @Property(seed = SEED)
    void a_non_hex_character_is_refused_with_its_position(@ForAll("hashes") PdqHash h,
                                                          @ForAll @IntRange(max = 63) int at,
                                                          @ForAll("nonHexChars") char bad) {
        StringBuilder text = new StringBuilder(h.toHex());
        text.setCharAt(at, bad);

        assertThatThrownBy(() -> PdqHash.fromHex(text.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PDQ hash has a non-hex character at position " + (at + 1))
                .message().doesNotContain(h.toHex().substring(0, 8));
    }

    @Example
    void null_is_refused_as_missing() {
        assertThatThrownBy(() -> PdqHash.fromHex(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PDQ hash is missing");
    }
}
