package org.tideline.core.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.core.image.DecodeOptions;
import org.tideline.core.image.ImageDecoder;
import org.tideline.core.media.MediaHasher;

/**
 * The five WebP files of ../shared/testdata/pdq (misc-images/modes/*.webp, lossy) against Meta's reference hashes
 * in expected/full-resolution.csv and expected/cpp-512.csv: bit-exact (hash, quality and the eight dihedral
 * hashes) when WebP is decoded with libwebp, as the reference did through ImageMagick. TwelveMonkeys' pure-Java
 * fallback is bounded in {@code LibWebpDecoderTest}.
 */
class WebpReferenceTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(PdqMode.class)
    void webp_hashes_through_libwebp_equal_metas_reference_bit_for_bit(PdqMode mode) throws Exception {
        assumeTrue("libwebp".equals(new ImageDecoder().webpDecoderName()), "libwebp not installed");
        List<ReferenceHashes.Row> rows = webpRows(mode == PdqMode.FULL
                ? ReferenceHashes.fullResolution() : ReferenceHashes.cpp512());
        MediaHasher hasher = new MediaHasher(DecodeOptions.defaults(), mode, true);
        List<String> mismatches = new ArrayList<>();
        for (ReferenceHashes.Row row : rows) {
            PdqResult got = hasher.hash(row.file()).pdq();
            int d = got.hash().distance(row.hash());
            if (d != 0) mismatches.add(row.path() + ": hash distance " + d);
            if (got.quality() != row.quality()) {
                mismatches.add(row.path() + ": quality " + got.quality() + " != " + row.quality());
            }
            for (Dihedral t : Dihedral.values()) {
                int dd = got.dihedral(t).distance(row.dihedral().get(t.ordinal()));
                if (dd != 0) mismatches.add(row.path() + " " + t + ": distance " + dd);
            }
        }
        assertThat(rows).as("WebP rows in the reference").hasSize(5);
        assertThat(mismatches).as("differences from the reference (%s mode)", mode.label()).isEmpty();
    }

    private static List<ReferenceHashes.Row> webpRows(List<ReferenceHashes.Row> rows) {
        return rows.stream().filter(r -> r.extension().equals("webp")).toList();
    }
}
