package org.tideline.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
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
