package org.tideline.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tideline.server.classification.Activity;
import org.tideline.server.classification.AgeBand;
import org.tideline.server.classification.Attributes;
import org.tideline.server.classification.Classifier;
import org.tideline.server.classification.Depiction;
import org.tideline.server.classification.PubertalStage;
import org.tideline.server.classification.Scheme;
import org.tideline.server.classification.Verdict;
import org.junit.jupiter.api.io.TempDir;

class HotlineSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aSettingsFileConfiguresForwardOnlyModeHelplinesAndLimits() throws Exception {
        Path file = dir.resolve("hotline.properties");
        Files.writeString(file, """
                mode = forward-only
                organisation = Telefono Azzurro
                country = it
                helpline.IT = Telefono Azzurro | 19696 | https://azzurro.it
                helpline.* = Child Helpline International | | https://childhelplineinternational.org
                forward.recipient = Polizia Postale
                forward.url = https://police.example/referrals
                forward.token = s3cret
                media.retention.days = 30
                capture.allow = 10.1.0.0/16, 127.0.0.0/8
                analyst.session.reveals = 25
                analyst.break.minutes = 15
                intake.reports.per.day = 5
                """);
        HotlineSettings s = HotlineSettings.load(file);
        assertThat(s.mode()).isEqualTo(HotlineMode.FORWARD_ONLY);
        assertThat(s.organisation()).contains("Telefono Azzurro");
        assertThat(s.country()).isEqualTo("IT");
        assertThat(s.helplinesFor("IT")).extracting(Helpline::name)
                .containsExactly("Telefono Azzurro", "Child Helpline International");
        assertThat(s.forward().webhook()).isPresent();
        assertThat(s.forward().toString()).doesNotContain("s3cret");
        assertThat(s.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(s.captureAllow()).containsExactly("10.1.0.0/16", "127.0.0.0/8");
        assertThat(s.sessionRevealLimit()).isEqualTo(25);
        assertThat(s.breakLength()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.reportsPerDay()).isEqualTo(5);
    }

    @Test
    void aMisspeltKeyOrABadValueIsRefusedByName() throws Exception {
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "mdoe = forward-only\n");
        assertThatThrownBy(() -> HotlineSettings.load(typo)).hasMessageContaining("mdoe");
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "mode = view-everything\n");
        assertThatThrownBy(() -> HotlineSettings.load(bad)).hasMessageContaining("assess or forward-only");
        Files.writeString(bad, "analyst.session.reveals = lots\n");
        assertThatThrownBy(() -> HotlineSettings.load(bad)).hasMessageContaining("analyst.session.reveals");
        Files.writeString(bad, "forward.url = ftp://police.example\n");
        assertThatThrownBy(() -> HotlineSettings.load(bad)).hasMessageContaining("forward.url");
    }

    @Test
    void aNationalSchemeInTheSettingsFileAddsAFourthVerdict() throws Exception {
        Path file = dir.resolve("national.properties");
        // Rule 10 must come after rule 9 (numeric order), or the catch-all for minors would shadow it.
        Files.writeString(file, """
                national.name = XX_TEST_CODE
                national.version = tc-2026.1
                national.default = NOT_ILLEGAL
                national.rule.1 = AGE_UNDETERMINED when age in UNKNOWN and sexual-activity
                national.rule.2 = NOT_IN_SCOPE when age in ADULT
                national.rule.9 = VIRTUAL when minor and depiction in COMPUTER_GENERATED|AI_GENERATED
                national.rule.10 = ILLEGAL when minor and sexual-activity
                """);
        HotlineSettings s = HotlineSettings.load(file);
        assertThat(s.national()).isPresent();
        assertThat(s.national().get().outcomes())
                .containsExactly("AGE_UNDETERMINED", "NOT_IN_SCOPE", "VIRTUAL", "ILLEGAL", "NOT_ILLEGAL");

        Classifier classifier = Classifier.of(Clock.systemUTC(), s.classificationRules()); // as HotlineService does
        List<Verdict> verdicts = classifier.classify(new Attributes(AgeBand.PUBESCENT, PubertalStage.UNKNOWN,
                Set.of(Activity.NON_PENETRATIVE_SEXUAL_ACTIVITY), Depiction.AI_GENERATED, false), "analyst1");
        assertThat(verdicts).extracting(Verdict::scheme)
                .containsExactly("INDUSTRY", "IWF", "INTERPOL_BASELINE", "XX_TEST_CODE");
        assertThat(verdicts).extracting(Verdict::value).containsExactly("B1", "IWF_B", "NOT_BASELINE", "VIRTUAL");
        assertThat(verdicts.get(3).schemeVersion()).isEqualTo("tc-2026.1");

        assertThat(HotlineSettings.defaults().national()).isEmpty();
        assertThat(HotlineSettings.defaults().classificationRules()).containsExactly(Scheme.values());
        assertThat(s.withMode(HotlineMode.FORWARD_ONLY).withReportsPerDay(3).national()).isEqualTo(s.national());
    }

    /** The illustration under "National law" in docs/hotline.md, copied verbatim: it must load and say what the text says. */
    @Test
    void theItalianIllustrationInTheDocsLoadsAndSeparatesPhotographsFromGeneratedImages() throws Exception {
        Path file = dir.resolve("it.properties");
        String sexualOrExhibition = "PENETRATIVE_SEXUAL_ACTIVITY|NON_PENETRATIVE_SEXUAL_ACTIVITY|SEXUAL_ACTIVITY_WITH_ANIMAL"
                + "|SADISM|LASCIVIOUS_EXHIBITION";
        Files.writeString(file, """
                national.name = IT_CP
                national.version = cp-2012.1
                national.default = NOT_ILLEGAL
                national.rule.1 = AGE_UNDETERMINED when age in UNKNOWN and activity in %1$s
                national.rule.2 = NOT_IN_SCOPE when age in ADULT
                national.rule.3 = IT_600_TER when minor and depiction in REAL and activity in %1$s
                national.rule.4 = IT_600_QUATER_1 when minor and depiction in COMPUTER_GENERATED|AI_GENERATED and activity in %1$s
                """.formatted(sexualOrExhibition));
        Classifier classifier = Classifier.of(Clock.systemUTC(), HotlineSettings.load(file).classificationRules());
        Set<Activity> exhibition = Set.of(Activity.LASCIVIOUS_EXHIBITION);
        assertThat(classifier.classify(new Attributes(AgeBand.PREPUBESCENT, PubertalStage.PREPUBESCENT, exhibition,
                Depiction.REAL, false), "a1")).extracting(Verdict::value)
                .containsExactly("A2", "IWF_C", "BASELINE", "IT_600_TER");
        assertThat(classifier.classify(new Attributes(AgeBand.PREPUBESCENT, PubertalStage.PREPUBESCENT, exhibition,
                Depiction.AI_GENERATED, false), "a1").get(3).value()).isEqualTo("IT_600_QUATER_1");
        assertThat(classifier.classify(new Attributes(AgeBand.PREPUBESCENT, PubertalStage.PREPUBESCENT, exhibition,
                Depiction.DRAWN, false), "a1").get(3).value()).isEqualTo("NOT_ILLEGAL");
        assertThat(classifier.classify(new Attributes(AgeBand.UNKNOWN, PubertalStage.POST_PUBESCENT, exhibition,
                Depiction.REAL, false), "a1").get(3).value()).isEqualTo("AGE_UNDETERMINED");
    }

    @Test
    void aBadOrIncompleteNationalSchemeIsRefusedNamingTheKey() throws Exception {
        Path bad = dir.resolve("bad-national.properties");
        String scheme = """
                national.name = XX_TEST_CODE
                national.version = 1
                national.default = NOT_ILLEGAL
                national.rule.1 = AGE_UNDETERMINED when age in UNKNOWN
                """;
        Files.writeString(bad, scheme + "national.rule.2 = ILLEGAL when age in TEENAGER\n");
        assertThatThrownBy(() -> HotlineSettings.load(bad))
                .hasMessageStartingWith("hotline setting national.rule.2: unknown age band 'TEENAGER'");
        Files.writeString(bad, scheme + "national.rule.7 = ILLEGAL when minor and kissing\n");
        assertThatThrownBy(() -> HotlineSettings.load(bad)).hasMessageContaining("national.rule.7");
        Files.writeString(bad, scheme.replace("XX_TEST_CODE", "INDUSTRY"));
        assertThatThrownBy(() -> HotlineSettings.load(bad)).hasMessageContaining("national.name");
        Files.writeString(bad, scheme.replace("= NOT_ILLEGAL", "= legal"));
        assertThatThrownBy(() -> HotlineSettings.load(bad)).hasMessageContaining("national.default");

        Files.writeString(bad, "national.name = XX_TEST_CODE\nnational.version = 1\nnational.default = NOT_ILLEGAL\n");
        assertThatThrownBy(() -> HotlineSettings.load(bad)).hasMessageContaining("national.rule.1")
                .hasMessageContaining("missing");
        Files.writeString(bad, "national.rule.1 = ILLEGAL when minor\n");
        assertThatThrownBy(() -> HotlineSettings.load(bad)).hasMessageContaining("national.name")
                .hasMessageContaining("national.default");
        Files.writeString(bad, scheme + "national.rule.01 = ILLEGAL when minor\n");
        assertThatThrownBy(() -> HotlineSettings.load(bad)).hasMessageContaining("unknown hotline setting")
                .hasMessageContaining("national.rule.01");
    }

    @Test
    void theDailyAllowanceCountsPerAddressAndForgetsAtMidnight() {
        var clock = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-23T10:00:00Z"));
        java.time.Clock c = new java.time.Clock() {
            @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            @Override public java.time.Clock withZone(java.time.ZoneId z) { return this; }
            @Override public java.time.Instant instant() { return clock.get(); }
        };
        IntakeLimiter limiter = new IntakeLimiter(c, 2);
        assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
        assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
        assertThat(limiter.tryAcquire("192.0.2.1")).isFalse();
        assertThat(limiter.tryAcquire("192.0.2.2")).isTrue();
        clock.set(java.time.Instant.parse("2026-11-24T00:00:01Z"));
        assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
    }
}
