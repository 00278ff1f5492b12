package org.tideline.server.hotline.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.server.TestDatabases;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * The figures against a hand count, on both databases: twelve confirmed URLs hosted in IT (nine) and NL (three),
 * with known report, referral, notice and removal times; and small cells suppressed, shares and medians included.
 */
class TakedownStatisticsTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void figuresMatchAHandCountAndSmallCellsAreSuppressed(TestDatabases.Engine engine) {
        try (Database db = Database.open(TestDatabases.fresh(engine, data))) {
            long org = db.transaction(c -> Sql.insert(c, "INSERT INTO organisation (name, type, created_at)"
                    + " VALUES ('Stats Hotline', 'HOTLINE', ?)", T0));
            // IT: 9 URLs reported at T0+i h. Removed after 1, 2, ... 9 days; referred after 12 h; 1 notice each,
            // except the last three (3 notices); the first is a re-upload.
            for (int i = 0; i < 9; i++) {
                Instant received = T0.plus(Duration.ofHours(i));
                insert(db, org, "IT", "AS-IT", "WEBSITE", received, received.plus(Duration.ofHours(12)),
                        received.plus(Duration.ofHours(24)), received.plus(Duration.ofDays(i + 1)), i >= 6 ? 3 : 1,
                        i == 0);
            }
            // NL: 3 URLs, never removed, never referred.
            for (int i = 0; i < 3; i++) {
                insert(db, org, "NL", "AS-NL", "FILE_SHARING", T0.plus(Duration.ofHours(i)), null, null, null, 0,
                        false);
            }
            // 2 reports not confirmed (not illegal).
            for (int i = 0; i < 2; i++) {
                db.transaction(c -> Sql.insert(c, "INSERT INTO hotline_report (org_id, reference, source, category,"
                        + " site_type, language, priority, status, outcome, received_at, updated_at) VALUES"
                        + " (?, ?, 'PUBLIC', 'CSAM', 'WEBSITE', 'en', 2, 'CLOSED', 'NOT_ILLEGAL', ?, ?)", org,
                        "TL-N" + System.nanoTime() % 100000000, T0, T0));
            }

            Figures f = new TakedownStatistics(db).compute(org, T0, T0.plus(Duration.ofDays(30)), 5);
            Map<String, String> all = f.overall().figures();
            assertThat(all.get("reports_received")).isEqualTo("14");
            assertThat(all.get("reports_confirmed")).isEqualTo("12");
            assertThat(all.get("share_confirmed")).isEqualTo("0.857");
            assertThat(all.get("urls_confirmed")).isEqualTo("12");
            assertThat(all.get("referred")).isEqualTo("9");
            assertThat(all.get("median_hours_to_referral")).isEqualTo("12.0");
            assertThat(all.get("share_referred_within_3_days")).isEqualTo("0.750");
            assertThat(all.get("removed")).isEqualTo("9");
            assertThat(all.get("median_hours_to_removal")).isEqualTo("120.0"); // 1..9 days: median 5 days
            assertThat(all.get("median_hours_notice_to_removal")).isEqualTo("96.0");
            assertThat(all.get("share_removed_within_3_days")).isEqualTo("<5"); // 3 of 12: the 3 is a small cell
            assertThat(all.get("share_removed_within_7_days")).isEqualTo("0.583"); // 7 of 12
            assertThat(all.get("notices_sent")).isEqualTo("15"); // 6 x 1 + 3 x 3
            assertThat(all.get("share_needing_repeat_notices")).isEqualTo("<5"); // 3 repeats: a small cell
            assertThat(all.get("reuploads")).isEqualTo("<5");
            assertThat(all.get("reupload_rate")).isEqualTo("<5");

            var byCountry = f.breakdowns().get("hosting_country");
            assertThat(byCountry).extracting(Figures.Row::value).containsExactly("IT", "NL");
            assertThat(byCountry.get(0).figures().get("urls_confirmed")).isEqualTo("9");
            assertThat(byCountry.get(0).figures().get("reports_received")).isEmpty();
            assertThat(byCountry.get(1).figures().get("urls_confirmed")).isEqualTo("<5");
            assertThat(byCountry.get(1).figures().get("share_removed_within_7_days")).isEqualTo("<5");
            var bySite = f.breakdowns().get("site_type");
            assertThat(bySite).extracting(Figures.Row::value).containsExactly("FILE_SHARING", "WEBSITE");
            assertThat(bySite.get(1).figures().get("reports_received")).isEqualTo("11");

            String csv = FiguresCsv.write(f);
            assertThat(csv.lines().count()).isEqualTo(1 + 1 + 2 + 2 + 2);
            assertThat(csv.lines().findFirst().orElseThrow()).startsWith("dimension,value,reports_received,");
            assertThat(csv).contains("hosting_country,NL,,,,<5,");
            // Nothing personal can be in it: no reference, no URL.
            assertThat(csv).doesNotContain("TL-").doesNotContain("http");
        }
    }

    static void insert(Database db, long org, String country, String host, String site, Instant received,
            Instant referred, Instant firstNotice, Instant removed, int notices, boolean reupload) {
        db.transaction(c -> {
            long report = Sql.insert(c, "INSERT INTO hotline_report (org_id, reference, source, category, site_type,"
                    + " language, priority, status, outcome, received_at, updated_at) VALUES"
                    + " (?, ?, 'PUBLIC', 'CSAM', ?, 'en', 2, 'CLOSED', 'ILLEGAL', ?, ?)", org,
                    "TL-" + System.nanoTime() % 100000000, site, received, received);
            long url = Sql.insert(c, "INSERT INTO hotline_url (report_id, url, reported_url, url_key, host, status)"
                    + " VALUES (?, 'u', 'u', ?, 'h', 'CAPTURED')", report, Long.toString(System.nanoTime()));
            Sql.insert(c, "INSERT INTO hotline_takedown (url_id, report_id, org_id, state, hosting_country,"
                            + " hosting_host, site_type, confirmed_at, referred_at, first_notice_at, notices_sent,"
                            + " removed_at, reupload_of, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", url, report, org,
                    removed == null ? "OPEN" : "REMOVED", country, host, site, received, referred, firstNotice,
                    notices, removed, reupload ? 1L : null, received, received);
            return null;
        });
    }
}
