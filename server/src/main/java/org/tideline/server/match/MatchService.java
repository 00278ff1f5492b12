package org.tideline.server.match;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tideline.server.ApiException;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Permission;
import org.tideline.server.bank.Bank;
import org.tideline.server.bank.SignalType;
import org.tideline.server.store.Database;

/**
 * Looks hashes up in the banks a caller can see.
 *
 * <p>A lookup searches the live index of its signal type at the widest threshold any bank uses, then keeps a hit
 * only when: the entry exists and is switched on (enabled, not disabled until a later time, not quarantined); its
 * bank is visible to the caller, matches on this signal type and is in the requested banks; the distance is within
 * the bank's own threshold; and the bank's rollout draw admits it. If the query also matches an entry of a negative
 * bank (known benign or false positive), nothing is reported and the answer says what suppressed it.
 *
 * <p>Every reported hit is counted by the {@link FloodGuard}, which quarantines an entry whose match rate spikes.
 */
public final class MatchService implements AutoCloseable {

    /** Most queries accepted in one batch lookup. */
    public static final int MAX_BATCH = 1_000;

    private final LiveIndexes live;
    private final FloodGuard flood;
    private final Clock clock;

    private MatchService(LiveIndexes live, FloodGuard flood, Clock clock) {
        this.live = live;
        this.flood = flood;
        this.clock = clock;
    }

    /**
     * Starts following the database.
     *
     * @param snapshotDirectory where index snapshots go, or empty to hold the indexes in memory only
     * @param quarantine called (on a background thread) with an entry id when the flood guard trips
     */
    public static MatchService start(Database db, Optional<Path> snapshotDirectory, Clock clock, Duration pollInterval,
            FloodGuard.Settings floodSettings, FloodGuard.Quarantine quarantine) {
        LiveIndexes live = new LiveIndexes(db, snapshotDirectory.orElse(null), clock, pollInterval,
                Duration.ofSeconds(60));
        live.start();
        return new MatchService(live, new FloodGuard(floodSettings, quarantine, clock), clock);
    }

    public IndexStatus status() {
        return live.status();
    }

    public Optional<Throwable> failure() {
        return live.failure();
    }

    /** Waits until change {@code seq} (or the current head, for -1) is matchable. */
    public boolean awaitChange(long seq, Duration timeout) throws InterruptedException {
        return live.awaitApplied(seq < 0 ? live.databaseHead() : seq, timeout);
    }

    /** Signal types switched on for the deployment. */
    public Set<SignalType> enabledSignalTypes() {
        return live.enabledTypes();
    }

    public LookupResult lookup(Caller caller, SignalType type, String signal, LookupOptions options) {
        return lookupAll(caller, type, List.of(signal), options).getFirst();
    }

    public List<LookupResult> lookupAll(Caller caller, SignalType type, List<String> signals, LookupOptions options) {
        if (!caller.can(Permission.MATCH)) {
            throw ApiException.forbidden("role " + caller.role().label() + " may not match");
        }
        if (signals.size() > MAX_BATCH) {
            throw ApiException.invalid("at most " + MAX_BATCH + " signals per lookup, got " + signals.size());
        }
        if (!live.loaded()) {
            throw new ApiException(ApiException.Kind.UNAVAILABLE, "index not yet ready");
        }
        if (!live.enabledTypes().contains(type)) {
            throw ApiException.invalid("signal type '" + type.label() + "' is not enabled");
        }
        List<String> normal = signals.stream().map(type::normalise).toList();
        Map<Long, Bank> banks = live.banks();
        int widest = type.perceptual() ? widestThreshold(banks.values()) : 0;
        Instant now = clock.instant();
        List<LookupResult> out = new ArrayList<>(normal.size());
        for (String signal : normal) {
            out.add(lookupOne(caller, type, signal, options, banks, widest, now));
        }
        return out;
    }

    private LookupResult lookupOne(Caller caller, SignalType type, String signal, LookupOptions options,
            Map<Long, Bank> banks, int widest, Instant now) {
        List<Hit> hits = new ArrayList<>();
        List<Hit> negative = new ArrayList<>();
        for (TypedIndex.Found f : live.index(type).search(signal, widest)) {
            LiveIndexes.ContentState state = live.content(f.contentId());
            if (state == null) {
                continue;
            }
            Bank bank = banks.get(state.bankId());
            if (bank == null || !bank.visibleTo(caller.orgId())) {
                continue;
            }
            if (!options.banks().isEmpty() && !options.banks().contains(bank.name())) {
                continue;
            }
            int threshold = type.perceptual() ? bank.pdqThreshold() : 0;
            if (options.raw()) {
                threshold = type.perceptual() ? SignalType.DEFAULT_PDQ_THRESHOLD : 0;
            } else if (!state.matchesAt(now) || !bank.matchesOn(type) || !admitted(bank, signal, options)) {
                continue;
            }
            if (f.distance() > threshold) {
                continue;
            }
            Hit hit = new Hit(bank.name(), f.contentId(), type, f.signal(), f.distance());
            (bank.negative() && !options.raw() ? negative : hits).add(hit);
        }
        Comparator<Hit> order = Comparator.comparingInt(Hit::distance).thenComparingLong(Hit::contentId);
        hits.sort(order);
        if (!negative.isEmpty()) {
            negative.sort(order);
            return new LookupResult(type, signal, List.of(), negative, hits);
        }
        if (!options.raw()) {
            for (Hit h : hits) {
                flood.record(h.contentId());
            }
        }
        return new LookupResult(type, signal, hits, List.of(), List.of());
    }

    /**
     * The rollout draw: a bank with enabled ratio r takes part when the draw is at most r (HMA's rule, so ratio 1
     * always takes part). The draw comes from the seed, or from the signal and bank, so it is stable per content.
     */
    private static boolean admitted(Bank bank, String signal, LookupOptions options) {
        if (options.bypassRollout() || bank.enabledRatio() >= 1.0) {
            return true;
        }
        if (bank.enabledRatio() <= 0.0) {
            return false;
        }
        String key = options.seed().orElse(signal) + "/" + bank.id();
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        double draw = (h >>> 11) * 0x1.0p-53;
        return draw <= bank.enabledRatio();
    }

    private static int widestThreshold(Iterable<Bank> banks) {
        int widest = SignalType.DEFAULT_PDQ_THRESHOLD;
        for (Bank b : banks) {
            widest = Math.max(widest, b.pdqThreshold());
        }
        return widest;
    }

    @Override
    public void close() {
        flood.close();
        live.close();
    }
}
