package org.tideline.server.hotline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tideline.core.image.ImageRejectedException;
import org.tideline.core.media.Digests;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.media.MediaHashes;
import org.tideline.server.access.Caller;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.BankContent;
import org.tideline.server.bank.BankService;
import org.tideline.server.bank.SignalType;
import org.tideline.server.classification.Verdict;
import org.tideline.server.hotline.capture.Capture;
import org.tideline.server.hotline.capture.CapturedItem;
import org.tideline.server.hotline.capture.FetchRefused;
import org.tideline.server.hotline.capture.SafeFetcher;
import org.tideline.server.hotline.media.MediaVault;
import org.tideline.server.match.Hit;
import org.tideline.server.match.LookupOptions;
import org.tideline.server.match.MatchService;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * Captures reported URLs: fetches each page and its media in the sandboxed fetcher, hashes every item and matches
 * it against the banks, and only then stores it (encrypted) for a person to see. An item a bank already knows is
 * classified from the bank's verdicts and is never put in front of an analyst by default: hash before humans.
 *
 * <p>Work is claimed row by row in the database, so several server processes can share it, and a URL whose
 * capture was cut off by a crash is captured again after a restart.
 */
final class CaptureWorker {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureWorker.class);
    /** Verdict values that say "nothing criminal here" (or "not known yet") in the built-in schemes. */
    private static final Set<String> NOT_CRIMINAL = Set.of(Verdict.NOT_ILLEGAL, Verdict.NOT_IN_SCOPE,
            Verdict.AGE_UNDETERMINED, "NOT_BASELINE");

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final SafeFetcher fetcher;
    private final MediaHasher hasher;
    private final MatchService matcher;
    private final BankService banks;
    private final java.util.function.Supplier<MediaVault> vault;
    private final HotlineSettings settings;
    private final org.tideline.server.hotline.takedown.TakedownWorkflow takedowns;

    CaptureWorker(Database db, Clock clock, AuditLog audit, SafeFetcher fetcher, MediaHasher hasher,
            MatchService matcher, BankService banks, java.util.function.Supplier<MediaVault> vault, HotlineSettings settings,
            org.tideline.server.hotline.takedown.TakedownWorkflow takedowns) {
        this.takedowns = takedowns;
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.fetcher = fetcher;
        this.hasher = hasher;
        this.matcher = matcher;
        this.banks = banks;
        this.vault = vault;
        this.settings = settings;
    }

    /** A URL claimed for capture. */
    private record Claimed(long id, long reportId, long orgId, String reference, String url) {}

    /** What the banks said about an item. */
    private record Known(String bank, long entryId, List<Verdict> verdicts) {}

    /** Puts back URLs whose capture was cut off (the process died mid-way); called once at start. */
    void recover() {
        int n = db.transaction(c -> Sql.update(c, "UPDATE hotline_url SET status = 'PENDING' WHERE status = 'CAPTURING'"));
        if (n > 0) {
            LOG.info("{} interrupted capture(s) will be retried", n);
        }
    }

    /** Captures what is waiting; returns how many URLs were handled. */
    int runOnce(Caller system) {
        int handled = 0;
        Optional<Claimed> next;
        while ((next = claim()).isPresent()) {
            capture(next.get(), system);
            handled++;
        }
        return handled;
    }

    private Optional<Claimed> claim() {
        return db.transaction(c -> {
            Optional<Claimed> candidate = Sql.one(c, "SELECT u.id, u.report_id, r.org_id, r.reference, u.reported_url"
                            + " FROM hotline_url u JOIN hotline_report r ON r.id = u.report_id"
                            + " WHERE u.status = 'PENDING' ORDER BY r.priority, u.id LIMIT 1",
                    rs -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
            if (candidate.isEmpty()) {
                return candidate;
            }
            int won = Sql.update(c, "UPDATE hotline_url SET status = 'CAPTURING', attempts = attempts + 1"
                    + " WHERE id = ? AND status = 'PENDING'", candidate.get().id());
            return won == 1 ? candidate : Optional.<Claimed>empty();
        });
    }

    private void capture(Claimed url, Caller system) {
        Capture capture;
        try {
            capture = fetcher.capture(url.url());
        } catch (FetchRefused e) {
            db.transaction(c -> {
                Sql.update(c, "UPDATE hotline_url SET status = 'UNREACHABLE', problem = ?, captured_at = ?"
                        + " WHERE id = ?", truncate(e.getMessage()), clock.instant(), url.id());
                audit.append(c, audit.systemEvent(url.orgId(), "hotline.capture", "report:" + url.reference(),
                        "url=" + url.id() + " refused=" + e.reason()));
                settle(c, audit, takedowns, url.reportId(), clock.instant());
                return null;
            });
            return;
        } catch (RuntimeException e) {
            LOG.error("capture failed unexpectedly; the URL is marked unreachable", e);
            db.transaction(c -> {
                Sql.update(c, "UPDATE hotline_url SET status = 'UNREACHABLE', problem = ? WHERE id = ?",
                        "internal error during capture", url.id());
                settle(c, audit, takedowns, url.reportId(), clock.instant());
                return null;
            });
            return;
        }
        List<Prepared> prepared = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CapturedItem item : capture.items()) {
            Prepared p = prepare(item, system);
            if (seen.add(p.sha256())) {
                prepared.add(p);
            }
        }
        Instant now = clock.instant();
        db.transaction(c -> {
            int known = 0;
            for (Prepared p : prepared) {
                long mediaId = vault.get().store(c, url.orgId(), p.bytes(), p.contentType(), now.plus(settings.retention()));
                Sql.insert(c, "INSERT INTO hotline_item (report_id, url_id, media_id, content_type, size_bytes, md5,"
                                + " sha256, pdq, pdq_quality, state, matched_entry, matched_bank, known_verdicts,"
                                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        url.reportId(), url.id(), mediaId, p.contentType(), (long) p.bytes().length, p.md5(),
                        p.sha256(), p.pdq().orElse(null), p.quality().orElse(null),
                        p.known().isPresent() ? ItemState.KNOWN.name() : ItemState.TO_ASSESS.name(),
                        p.known().map(Known::entryId).orElse(null), p.known().map(Known::bank).orElse(null),
                        p.known().map(k -> verdictText(k.verdicts())).orElse(null), now);
                known += p.known().isPresent() ? 1 : 0;
            }
            Sql.update(c, "UPDATE hotline_url SET status = 'CAPTURED', problem = NULL, captured_at = ? WHERE id = ?",
                    now, url.id());
            audit.append(c, audit.systemEvent(url.orgId(), "hotline.capture", "report:" + url.reference(),
                    "url=" + url.id() + " items=" + prepared.size() + " known=" + known + " skipped="
                            + capture.skipped().size()));
            settle(c, audit, takedowns, url.reportId(), clock.instant());
            return null;
        });
        prepared.forEach(p -> java.util.Arrays.fill(p.bytes(), (byte) 0));
    }

    /** An item hashed and matched, ready to store. */
    private record Prepared(String contentType, byte[] bytes, String md5, String sha256, Optional<String> pdq,
            Optional<Integer> quality, Optional<Known> known) {}

    private Prepared prepare(CapturedItem item, Caller system) {
        byte[] bytes = item.bytes();
        Digests digests = null;
        Optional<String> pdq = Optional.empty();
        Optional<Integer> quality = Optional.empty();
        if (item.contentType().startsWith("image/")) {
            try {
                MediaHashes hashes = hasher.hash(bytes); // the digests come with it, from the same read
                digests = hashes.digests();
                pdq = Optional.of(hashes.pdq().hash().toHex());
                quality = Optional.of(hashes.pdq().quality());
            } catch (ImageRejectedException e) {
                // Not decodable (hostile or unsupported): still matched by its exact digests, still assessed.
            }
        }
        if (digests == null) {
            digests = Digests.of(bytes);
        }
        String md5 = digests.md5();
        String sha256 = digests.sha256();
        Optional<Known> known = match(system, SignalType.SHA256, sha256)
                .or(() -> match(system, SignalType.MD5, md5));
        if (known.isEmpty() && pdq.isPresent() && quality.orElse(0) >= SignalType.MIN_PDQ_QUALITY) {
            known = match(system, SignalType.PDQ, pdq.get());
        }
        return new Prepared(item.contentType(), bytes, md5, sha256, pdq, quality, known);
    }

    private Optional<Known> match(Caller system, SignalType type, String signal) {
        if (!matcher.enabledSignalTypes().contains(type)) {
            return Optional.empty();
        }
        List<Hit> hits = matcher.lookup(system, type, signal, LookupOptions.defaults()).hits();
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        Hit best = hits.stream().min(java.util.Comparator.comparingInt(Hit::distance)).orElseThrow();
        List<BankContent> contents = banks.contents(system, List.of(best.contentId()));
        List<Verdict> verdicts = contents.isEmpty() ? List.of() : contents.getFirst().verdicts();
        return Optional.of(new Known(best.bank(), best.contentId(), verdicts));
    }

    /**
     * Once no URL of the report is waiting, decides where the report goes: to the analysts when anything is new,
     * could not be captured, or is known but carries no criminal verdict; closed as illegal when everything in it
     * was already known to be.
     */
    static void settle(Connection c, AuditLog audit, org.tideline.server.hotline.takedown.TakedownWorkflow takedowns,
            long reportId, Instant now) throws SQLException {
        long waiting = Sql.count(c, "SELECT COUNT(*) FROM hotline_url WHERE report_id = ?"
                + " AND status IN ('PENDING', 'CAPTURING')", reportId);
        if (waiting > 0) {
            return;
        }
        long toAssess = Sql.count(c, "SELECT COUNT(*) FROM hotline_item WHERE report_id = ? AND state = 'TO_ASSESS'",
                reportId);
        long unreachable = Sql.count(c, "SELECT COUNT(*) FROM hotline_url WHERE report_id = ?"
                + " AND status = 'UNREACHABLE'", reportId);
        List<String> knownVerdicts = Sql.list(c, "SELECT known_verdicts FROM hotline_item WHERE report_id = ?"
                + " AND state = 'KNOWN'", rs -> rs.getString(1), reportId);
        boolean knownCriminal = !knownVerdicts.isEmpty() && knownVerdicts.stream().allMatch(CaptureWorker::criminal);
        if (toAssess == 0 && unreachable == 0 && knownCriminal) {
            int closed = Sql.update(c, "UPDATE hotline_report SET status = 'CLOSED', outcome = 'ILLEGAL',"
                    + " assessed_by = ?, closed_at = ?, updated_at = ? WHERE id = ? AND status = 'RECEIVED'", "banks",
                    now, now, reportId);
            if (closed == 1) {
                // Known illegal material: no person needs to see it again before the takedown starts.
                takedowns.opened(c, org.tideline.server.hotline.takedown.Takedowns.open(c, audit, reportId, now), now);
            }
        } else {
            Sql.update(c, "UPDATE hotline_report SET status = 'QUEUED', updated_at = ? WHERE id = ?"
                    + " AND status = 'RECEIVED'", now, reportId);
        }
    }

    private static boolean criminal(String verdicts) {
        return verdicts != null && java.util.Arrays.stream(verdicts.split(",")).anyMatch(CaptureWorker::criminalVerdict);
    }

    /**
     * Whether one {@code SCHEME=VALUE} says the material is criminal under that scheme. A national scheme's
     * non-offence outcomes are named {@code NOT_...} (docs/hotline.md), so they never put an item in the bank.
     */
    static boolean criminalVerdict(String schemeAndValue) {
        String value = schemeAndValue.substring(schemeAndValue.indexOf('=') + 1).trim();
        return !value.isEmpty() && !NOT_CRIMINAL.contains(value) && !value.startsWith("NOT_");
    }

    /** {@code IWF=A,INDUSTRY=A1,...}: short enough to list, precise enough to route on. */
    static String verdictText(List<Verdict> verdicts) {
        Set<String> parts = new LinkedHashSet<>();
        verdicts.forEach(v -> parts.add(v.scheme() + "=" + v.value()));
        return String.join(",", parts);
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() <= 200 ? s : s.substring(0, 200);
    }
}
