package org.tideline.server.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tideline.core.pdq.PdqHash;
import org.tideline.server.Services;
import org.tideline.server.TestDatabases;
import org.tideline.server.TidelineServer;
import org.tideline.server.access.Caller;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.bank.BankContent;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.ContentUpdate;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;
import org.tideline.server.store.DatabaseConfig;

/** The matcher follows the database live, across processes and restarts, and applies every filter. */
class LiveMatchingTest {

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    static final PdqHash BASE = PdqHash.fromHex("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");

    static String flipped(int bits) {
        PdqHash h = BASE;
        for (int i = 0; i < bits; i++) {
            h = h.flip((i * 7) % 256);
        }
        return h.toHex();
    }

    private static Services open(Path data, DatabaseConfig db) {
        return TidelineServer.open(new TidelineServer.Config(data, db, org.tideline.server.http.HttpApi.Settings.defaults(),
                Duration.ofMillis(100), FloodGuard.Settings.off(), java.time.Clock.systemUTC()));
    }

    private static Caller caller(Services s, String org, Role role) {
        if (s.access().organisation(org).isEmpty()) {
            s.access().createOrganisation(org, OrgType.HOTLINE);
        }
        return s.access().authenticate(s.access().createApiKey(org, role, "t").secret()).orElseThrow();
    }

    private static boolean await(Services s) throws InterruptedException {
        return s.matcher().awaitChange(-1, Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void a_write_in_one_server_is_matchable_in_another_within_a_second(TestDatabases.Engine engine) throws Exception {
        DatabaseConfig db = TestDatabases.fresh(engine, dirA);
        Services writer = open(dirA, db);
        Services reader = open(dirB, db);
        try {
            Caller curator = caller(writer, "Hotline", Role.CURATOR);
            writer.banks().createBank(curator, BankSettings.named("LIVE"));
            assertThat(await(reader)).isTrue();
            Caller matcher = caller(writer, "Hotline", Role.MATCHER);
            BankContent added = writer.banks().addContent(curator, "LIVE", NewContent.of(Map.of(SignalType.PDQ, BASE.toHex())));
            long written = System.nanoTime();
            while (reader.matcher().lookup(matcher, SignalType.PDQ, flipped(3), LookupOptions.defaults()).hits().isEmpty()) {
                assertThat(System.nanoTime() - written).as("visible within 1 s").isLessThan(1_000_000_000L);
                Thread.sleep(5);
            }
            var hit = reader.matcher().lookup(matcher, SignalType.PDQ, flipped(3), LookupOptions.defaults()).hits().getFirst();
            assertThat(hit.contentId()).isEqualTo(added.id());
            assertThat(hit.distance()).isEqualTo(3);
        } finally {
            TidelineServer.close(reader);
            TidelineServer.close(writer);
        }
    }

    @Test
    void a_restart_opens_the_snapshot_and_replays_what_came_after() throws Exception {
        DatabaseConfig db = DatabaseConfig.embedded(dirA);
        Services first = open(dirA, db);
        Caller curator = caller(first, "Hotline", Role.CURATOR);
        first.banks().createBank(curator, BankSettings.named("SNAP"));
        BankContent kept = first.banks().addContent(curator, "SNAP", NewContent.of(Map.of(SignalType.PDQ, BASE.toHex())));
        assertThat(await(first)).isTrue();
        TidelineServer.close(first); // snapshots on close
        assertThat(dirA.resolve("index").resolve("snapshot.seq")).exists();

        // Changes while no server runs: only the log knows them.
        Services offline = TidelineServer.open(TidelineServer.Config.embedded(dirB).withDatabase(db));
        Caller offlineCurator = caller(offline, "Hotline", Role.CURATOR);
        BankContent later = offline.banks().addContent(offlineCurator, "SNAP",
                NewContent.of(Map.of(SignalType.PDQ, flipped(40))));
        offline.banks().deleteContent(offlineCurator, "SNAP", kept.id());
        TidelineServer.close(offline);

        Services second = open(dirA, db);
        try {
            assertThat(await(second)).isTrue();
            Caller matcher = caller(second, "Hotline", Role.MATCHER);
            assertThat(second.matcher().lookup(matcher, SignalType.PDQ, BASE.toHex(), LookupOptions.defaults()).hits())
                    .isEmpty();
            assertThat(second.matcher().lookup(matcher, SignalType.PDQ, flipped(40), LookupOptions.defaults()).hits())
                    .extracting(Hit::contentId).containsExactly(later.id());
        } finally {
            TidelineServer.close(second);
        }
    }

    @Test
    void thresholds_negative_banks_switches_and_rollout_filter_hits() throws Exception {
        Services s = open(dirA, DatabaseConfig.embedded(dirA));
        try {
            Caller curator = caller(s, "Hotline", Role.CURATOR);
            Caller matcher = caller(s, "Hotline", Role.MATCHER);
            s.banks().createBank(curator, BankSettings.named("STRICT").withPdqThreshold(5));
            s.banks().createBank(curator, BankSettings.named("LOOSE"));
            BankContent strict = s.banks().addContent(curator, "STRICT", NewContent.of(Map.of(SignalType.PDQ, BASE.toHex())));
            BankContent loose = s.banks().addContent(curator, "LOOSE", NewContent.of(Map.of(SignalType.PDQ, flipped(1))));
            assertThat(await(s)).isTrue();

            var at10 = s.matcher().lookup(matcher, SignalType.PDQ, flipped(10), LookupOptions.defaults());
            assertThat(at10.hits()).extracting(Hit::bank).containsExactly("LOOSE");
            var at2 = s.matcher().lookup(matcher, SignalType.PDQ, flipped(2), LookupOptions.defaults());
            assertThat(at2.hits()).extracting(Hit::bank).containsExactly("LOOSE", "STRICT");
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, flipped(2),
                    LookupOptions.defaults().inBanks(Set.of("STRICT"))).hits()).extracting(Hit::bank).containsExactly("STRICT");

            // A known false positive in a negative bank suppresses every positive match.
            s.banks().createBank(curator, BankSettings.named("BENIGN").withNegative(true).withPdqThreshold(4));
            s.banks().addContent(curator, "BENIGN", NewContent.of(Map.of(SignalType.PDQ, flipped(2))));
            assertThat(await(s)).isTrue();
            var suppressed = s.matcher().lookup(matcher, SignalType.PDQ, flipped(2), LookupOptions.defaults());
            assertThat(suppressed.hits()).isEmpty();
            assertThat(suppressed.suppressedBy()).extracting(Hit::bank).containsExactly("BENIGN");
            assertThat(suppressed.suppressed()).hasSize(2);
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, flipped(12), LookupOptions.defaults()).hits())
                    .extracting(Hit::bank).containsExactly("LOOSE");

            // Entry switches: disabled until a later time, then back.
            s.banks().updateContent(curator, "LOOSE", loose.id(), new ContentUpdate(Optional.empty(),
                    Optional.of(Optional.of(Instant.now().plusSeconds(3600))), Optional.empty()));
            assertThat(await(s)).isTrue();
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, flipped(12), LookupOptions.defaults()).hits()).isEmpty();
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, flipped(12),
                    new LookupOptions(Set.of(), Optional.empty(), false, true)).hits())
                    .as("a raw lookup ignores switches and bank thresholds, like HMA's")
                    .extracting(Hit::bank).containsExactly("BENIGN", "LOOSE", "STRICT");

            // Per-signal-type switch on a bank, and rollout ratio 0 (without the negative bank, which covers BASE).
            s.banks().deleteBank(curator, "BENIGN");
            assertThat(await(s)).isTrue();
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, BASE.toHex(), LookupOptions.defaults()).hits()
                    .stream().filter(h -> h.contentId() == strict.id())).hasSize(1);
            s.banks().updateBank(curator, "STRICT", BankSettings.none().withDisabledSignalTypes(Set.of(SignalType.PDQ)));
            assertThat(await(s)).isTrue();
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, BASE.toHex(), LookupOptions.defaults()).hits()
                    .stream().filter(h -> h.contentId() == strict.id())).isEmpty();
            s.banks().updateBank(curator, "STRICT", BankSettings.none().withDisabledSignalTypes(Set.of()).withEnabledRatio(0));
            assertThat(await(s)).isTrue();
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, BASE.toHex(), LookupOptions.defaults()).hits()
                    .stream().filter(h -> h.contentId() == strict.id())).isEmpty();
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, BASE.toHex(),
                    new LookupOptions(Set.of(), Optional.empty(), true, false)).hits()
                    .stream().filter(h -> h.contentId() == strict.id())).hasSize(1);
        } finally {
            TidelineServer.close(s);
        }
    }

    @Test
    void a_match_flood_quarantines_the_entry_and_tells_the_owner() throws Exception {
        Services s = TidelineServer.open(new TidelineServer.Config(dirA, DatabaseConfig.embedded(dirA),
                org.tideline.server.http.HttpApi.Settings.defaults(), Duration.ofMillis(50),
                new FloodGuard.Settings(50, 10.0), java.time.Clock.systemUTC()));
        try {
            Caller curator = caller(s, "Hotline", Role.CURATOR);
            Caller matcher = caller(s, "Hotline", Role.MATCHER);
            s.banks().createBank(curator, BankSettings.named("FLOODED"));
            BankContent meme = s.banks().addContent(curator, "FLOODED", NewContent.of(Map.of(SignalType.PDQ, BASE.toHex())));
            assertThat(await(s)).isTrue();
            for (int i = 0; i < 51; i++) {
                s.matcher().lookup(matcher, SignalType.PDQ, BASE.toHex(), LookupOptions.defaults());
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!s.banks().content(curator, "FLOODED", meme.id()).quarantined()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(await(s)).isTrue();
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, BASE.toHex(), LookupOptions.defaults()).hits()).isEmpty();
            assertThat(s.banks().notifications(curator, 0)).singleElement()
                    .satisfies(n -> assertThat(n.kind()).isEqualTo("QUARANTINE"))
                    .satisfies(n -> assertThat(n.contentId()).isEqualTo(meme.id()));

            s.banks().updateContent(curator, "FLOODED", meme.id(), ContentUpdate.releaseQuarantine());
            assertThat(await(s)).isTrue();
            assertThat(s.matcher().lookup(matcher, SignalType.PDQ, BASE.toHex(), LookupOptions.defaults()).hits()).hasSize(1);
        } finally {
            TidelineServer.close(s);
        }
    }
}
