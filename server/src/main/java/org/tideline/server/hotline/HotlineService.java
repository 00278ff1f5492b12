package org.tideline.server.hotline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tideline.core.image.ImageRejectedException;
import org.tideline.core.media.MediaHasher;
import org.tideline.server.ApiException;
import org.tideline.server.access.AccessService;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Organisation;
import org.tideline.server.access.Role;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.BankService;
import org.tideline.server.classification.Attributes;
import org.tideline.server.classification.Classifier;
import org.tideline.server.hotline.capture.FetchPolicy;
import org.tideline.server.hotline.capture.HostResolver;
import org.tideline.server.hotline.capture.SafeFetcher;
import org.tideline.server.hotline.media.MediaKey;
import org.tideline.server.hotline.media.MediaVault;
import org.tideline.server.hotline.media.Previews;
import org.tideline.server.hotline.media.StoredMedia;
import org.tideline.server.hotline.takedown.RemovalCheck;
import org.tideline.server.hotline.takedown.Router;
import org.tideline.server.hotline.takedown.TakedownWorkflow;
import org.tideline.server.hotline.trace.DnsLookup;
import org.tideline.server.hotline.trace.HostingTracer;
import org.tideline.server.jobs.JobRunner;
import org.tideline.server.match.MatchService;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * The hotline: public and partner reports in, hash-first capture, the analysts' casework with exposure controls,
 * and forwarding to law enforcement. One background thread captures, forwards and destroys expired media; its
 * state is all in the database, so a restart picks up where the last process stopped.
 *
 * <p>Only people of the organisation that runs the hotline, as analysts or admins, see reports; to anyone else a
 * report does not exist.
 */
public final class HotlineService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HotlineService.class);
    private static final Duration RETENTION_SWEEP = Duration.ofMinutes(10);

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final AccessService access;
    private final HotlineSettings settings;
    private final Intake intake;
    private final Casework casework;
    private final ExposureLimits exposure;
    private final java.util.function.Supplier<MediaVault> vault;
    private final CaptureWorker capture;
    private final JobRunner jobs;
    private final HostingTracer tracer;
    private final TakedownWorkflow takedowns;
    private final Forwarder forwarder;
    private final Semaphore wake = new Semaphore(0);
    private final Thread worker;
    private volatile boolean closed;
    private volatile Organisation organisation;
    private Instant nextSweep = Instant.EPOCH;

    private HotlineService(Database db, Clock clock, AuditLog audit, AccessService access, BankService banks,
            MatchService matcher, MediaHasher hasher, HotlineSettings settings, Path keyFile, HostResolver resolver,
            JobRunner jobs, boolean background) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.access = access;
        this.settings = settings;
        this.intake = new Intake(db, clock, audit, settings);
        this.casework = new Casework(db, clock, audit, banks, Classifier.of(clock, settings.classificationRules()),
                settings);
        this.exposure = new ExposureLimits(db, clock, settings);
        // The key is read (or, the first time, created) when media is first stored or read, not when a command
        // merely opens the services.
        this.vault = memoise(() -> new MediaVault(db, audit, MediaKey.loadOrCreate(keyFile), clock));
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults().withAllowList(
                settings.captureAllow().toArray(String[]::new)),
                resolver);
        this.jobs = jobs;
        this.tracer = HostingTracer.open(settings.takedown().trace(), DnsLookup.system());
        this.takedowns = new TakedownWorkflow(db, clock, audit, jobs, tracer,
                new Router(settings.country(), settings.takedown().partners(), settings.forward().name(),
                        settings.takedown().fallback()),
                new RemovalCheck(fetcher), settings.takedown(), settings.forward(),
                TakedownWorkflow.emailNotices(noticeSettings(settings), settings.organisation().orElse("Hotline")),
                noticeSettings(settings).resendInterval(), noticeSettings(settings).escalateAfter());
        this.casework.useTakedowns(takedowns);
        this.capture = new CaptureWorker(db, clock, audit, fetcher, hasher, matcher, banks, vault, settings,
                takedowns);
        this.forwarder = new Forwarder(db, clock, audit, settings.forward(), "hotline");
        this.worker = background ? Thread.ofPlatform().daemon().name("hotline-worker").unstarted(this::work) : null;
    }

    /**
     * @param dataDirectory where the media key is created when the settings name none
     * @param background run the capture/forward/retention thread (tests may drive {@link #runOnce()} instead)
     */
    public static HotlineService start(Database db, Clock clock, AuditLog audit, AccessService access,
            BankService banks, MatchService matcher, MediaHasher hasher, HotlineSettings settings, Path dataDirectory,
            HostResolver resolver, JobRunner jobs, boolean background) {
        Path keyFile = settings.mediaKeyFile().orElse(dataDirectory.resolve("hotline-media.key"));
        HotlineService service = new HotlineService(db, clock, audit, access, banks, matcher, hasher, settings,
                keyFile, resolver, jobs, background);
        service.capture.recover();
        if (service.worker != null) {
            service.worker.start();
            jobs.start();
        }
        return service;
    }

    public HotlineSettings settings() {
        return settings;
    }

    /** The organisation that runs the hotline, once it exists (the operator unless the settings name another). */
    public Optional<Organisation> organisation() {
        Organisation known = organisation;
        if (known == null) {
            known = (settings.organisation().isPresent()
                    ? access.organisation(settings.organisation().get())
                    : access.organisations().stream().filter(Organisation::operator).findFirst()).orElse(null);
            organisation = known;
        }
        return Optional.ofNullable(known);
    }

    // ---- intake ------------------------------------------------------------------------------------------------

    /** A report from the public form. {@code address} only feeds the salted, in-memory daily allowance. */
    public Receipt submitPublic(NewReport report, String address) throws ReportRejected {
        Receipt r = intake.submit(hotline(), report, Intake.Source.publicForm(), address);
        wake.release();
        return r;
    }

    /** A report from a partner's system (another hotline, a platform), with its API key. */
    public Receipt submitPartner(Caller partner, NewReport report) throws ReportRejected {
        Receipt r = intake.submit(hotline(), report, new Intake.Source("PARTNER", Optional.of(partner.orgId()),
                partner.principal()), null);
        wake.release();
        return r;
    }

    /** What a partner may know about a report it filed: status and outcome, nothing else. */
    public Optional<PartnerStatus> partnerStatus(Caller partner, String reference) {
        return db.transaction(c -> Sql.one(c, "SELECT reference, status, outcome, received_at, updated_at"
                        + " FROM hotline_report WHERE reference = ? AND partner_org_id = ?",
                rs -> new PartnerStatus(rs.getString(1), ReportStatus.valueOf(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)).map(Outcome::valueOf), Sql.instant(rs, "received_at"),
                        Sql.instant(rs, "updated_at")), reference, partner.orgId()));
    }

    // ---- statistics --------------------------------------------------------------------------------------------

    /**
     * The figures of the caller's organisation's hotline for reports received in {@code [from, to)}, with counts under
     * {@code smallCell} suppressed. No personal data in any of it. Audited, as an export.
     */
    public org.tideline.server.hotline.stats.Figures statistics(Caller caller, Instant from, Instant to,
            int smallCell) {
        if (!to.isAfter(from)) {
            throw ApiException.invalid("'to' must be after 'from'");
        }
        var figures = new org.tideline.server.hotline.stats.TakedownStatistics(db).compute(caller.orgId(), from, to,
                smallCell);
        audit.appendLater(audit.event(caller, "hotline.statistics.export", "statistics",
                "from=" + from + " to=" + to + " small_cell=" + smallCell));
        return figures;
    }

    // ---- known-URL list ----------------------------------------------------------------------------------------

    /**
     * Puts a URL or a whole host on the caller's organisation's known list (the hotline's list is what triage
     * reads), or takes it off with an empty kind. Audited.
     *
     * @throws org.tideline.server.hotline.triage.BadUrl for a value that is not a URL (or host)
     */
    public Optional<KnownList.Entry> putKnown(Caller curator, org.tideline.server.hotline.triage.KnownUrl.Scope scope,
            String value, Optional<org.tideline.server.hotline.triage.KnownUrl.Kind> kind, Optional<String> note) {
        return db.transaction(c -> {
            Optional<KnownList.Entry> e = KnownList.put(c, curator.orgId(), scope, value, kind, note,
                    curator.principal(), clock.instant());
            audit.append(c, audit.event(curator, "hotline.known_url." + (kind.isPresent() ? "put" : "remove"),
                    "known:" + scope.name().toLowerCase(), kind.map(Enum::name).orElse("")));
            return e;
        });
    }

    public List<KnownList.Entry> knownList(Caller reader) {
        return db.transaction(c -> KnownList.list(c, reader.orgId()));
    }

    // ---- casework ----------------------------------------------------------------------------------------------

    /** Refuses (404, or 403 for the wrong role) anyone who is not one of the hotline's analysts or admins. */
    public void requireCasework(Caller caller) {
        check(caller);
    }

    public List<QueueEntry> queue(Caller analyst) {
        return casework.queue(check(analyst).orgId());
    }

    public ReportView open(Caller analyst, long reportId) {
        return casework.open(check(analyst), reportId);
    }

    public void handOver(Caller analyst, long reportId) {
        casework.handOver(check(analyst), reportId);
    }

    public ItemView assess(Caller analyst, long itemId, Attributes attributes) {
        return casework.assess(check(analyst), itemId, attributes);
    }

    public void decide(Caller analyst, long reportId, Outcome outcome) {
        casework.decide(check(analyst), reportId, outcome);
    }

    /** The second analyst's agreement; returns how many bank entries it made. */
    public int confirm(Caller analyst, long reportId) {
        return casework.confirm(check(analyst), reportId);
    }

    public void sendBack(Caller analyst, long reportId) {
        casework.sendBack(check(analyst), reportId);
    }

    public Exposure exposure(Caller analyst) {
        return exposure.of(check(analyst));
    }

    public Exposure endBreak(Caller analyst) {
        return exposure.endBreak(check(analyst));
    }

    // ---- media -------------------------------------------------------------------------------------------------

    /** A heavy blur in greyscale, rendered on the server: the real pixels never reach the browser unrevealed. */
    public byte[] preview(Caller analyst, long itemId) {
        StoredMedia media = media(check(analyst), itemId);
        try {
            return Previews.blurred(media.bytes(), Previews.DEFAULT_SIDE);
        } catch (ImageRejectedException e) {
            throw ApiException.notFound("no preview for item " + itemId + ": it is not a decodable image");
        } finally {
            media.wipe();
        }
    }

    /** An explicit reveal of one item: counted against the session limit and audited. */
    public void reveal(Caller analyst, long itemId) {
        Caller a = check(analyst);
        ItemView item = casework.item(a, itemId);
        if (item.state() == ItemState.KNOWN) {
            throw ApiException.conflict("a bank already knows this item: it is not shown");
        }
        String reference = casework.referenceOf(a, itemId);
        db.transaction(c -> {
            exposure.countReveal(c, a);
            Sql.update(c, "DELETE FROM hotline_reveal WHERE item_id = ? AND principal = ?", itemId, a.principal());
            Sql.update(c, "INSERT INTO hotline_reveal (item_id, principal, revealed_at) VALUES (?, ?, ?)", itemId,
                    a.principal(), clock.instant());
            audit.append(c, audit.event(a, "hotline.item.reveal", "report:" + reference, "item=" + itemId));
            return null;
        });
    }

    /**
     * The revealed item, for the analyst who revealed it and only shortly after: greyscale and scaled down for an
     * image, the bytes as captured for a video (which the page never auto-plays).
     */
    public Revealed revealed(Caller analyst, long itemId) {
        Caller a = check(analyst);
        boolean recent = db.transaction(c -> Sql.count(c, "SELECT COUNT(*) FROM hotline_reveal WHERE item_id = ?"
                + " AND principal = ? AND revealed_at > ?", itemId, a.principal(),
                clock.instant().minus(Casework.revealWindow())) > 0);
        if (!recent) {
            throw ApiException.forbidden("reveal the item first (each reveal is counted and audited)");
        }
        StoredMedia media = media(a, itemId);
        audit.appendLater(audit.event(a, "hotline.item.view", "report:" + casework.referenceOf(a, itemId),
                "item=" + itemId));
        try {
            if (media.contentType().startsWith("image/")) {
                return new Revealed("image/png", Previews.greyscale(media.bytes(), 800));
            }
            return new Revealed(media.contentType(), media.bytes().clone());
        } catch (ImageRejectedException e) {
            throw ApiException.notFound("item " + itemId + " is not a decodable image");
        } finally {
            media.wipe();
        }
    }

    /** The items of a report this analyst has revealed within the reveal window (shown unblurred on the page). */
    public java.util.Set<Long> revealedItems(Caller analyst, long reportId) {
        Caller a = check(analyst);
        return db.transaction(c -> new java.util.HashSet<>(Sql.list(c, "SELECT v.item_id FROM hotline_reveal v"
                        + " JOIN hotline_item i ON i.id = v.item_id JOIN hotline_report r ON r.id = i.report_id"
                        + " WHERE r.id = ? AND r.org_id = ? AND v.principal = ? AND v.revealed_at > ?",
                rs -> rs.getLong(1), reportId, a.orgId(), a.principal(),
                clock.instant().minus(Casework.revealWindow()))));
    }

    /** Bytes to send to a browser, and their type. */
    public record Revealed(String contentType, byte[] bytes) {}

    private StoredMedia media(Caller analyst, long itemId) {
        ItemView item = casework.item(analyst, itemId);
        if (item.state() == ItemState.KNOWN) {
            throw ApiException.notFound("item " + itemId + " is known to a bank and is not shown");
        }
        long mediaId = casework.mediaId(analyst, itemId)
                .orElseThrow(() -> ApiException.notFound("item " + itemId + " has no stored media"));
        return vault.get().read(mediaId).orElseThrow(() -> ApiException.notFound(
                "the media of item " + itemId + " has been destroyed (retention)"));
    }

    // ---- background work ---------------------------------------------------------------------------------------

    /** One round of background work: capture (unless forward-only), forward, and the retention sweep. */
    public void runOnce() {
        Organisation org = organisation().orElse(null);
        if (org != null && settings.mode() == HotlineMode.ASSESS) {
            capture.runOnce(new Caller(org.id(), org.name(), Role.ADMIN, org.operator(), "system:hotline-capture"));
        }
        forwarder.runOnce();
        Instant now = clock.instant();
        if (!now.isBefore(nextSweep)) {
            int destroyed = vault.get().destroyExpired(now);
            if (destroyed > 0) {
                LOG.info("retention: destroyed {} media item(s)", destroyed);
            }
            nextSweep = now.plus(RETENTION_SWEEP);
        }
    }

    /** Destroys media past retention now (the background thread does this every few minutes). */
    public int destroyExpiredMedia() {
        return vault.get().destroyExpired(clock.instant());
    }

    /** Destroys what is past retention, then checks from the rows that nothing is held past it. */
    public org.tideline.server.hotline.media.DestructionCheck verifyRetention() {
        Instant now = clock.instant();
        vault.get().destroyExpired(now);
        return vault.get().verifyDestroyed(now);
    }

    public MediaVault vault() {
        return vault.get();
    }

    private static <T> java.util.function.Supplier<T> memoise(java.util.function.Supplier<T> make) {
        return new java.util.function.Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    private void work() {
        while (!closed) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.error("hotline background work failed; retrying", e);
            }
            try {
                wake.tryAcquire(500, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Organisation hotline() {
        return organisation().orElseThrow(() -> new ApiException(ApiException.Kind.UNAVAILABLE,
                "the hotline is not set up yet: create its organisation first"));
    }

    /** Analysts and admins of the hotline's organisation; to anyone else the hotline's casework does not exist. */
    private Caller check(Caller caller) {
        Organisation org = organisation().orElse(null);
        if (org == null || caller.orgId() != org.id()) {
            throw ApiException.notFound("no such report");
        }
        if (caller.role() != Role.ANALYST && caller.role() != Role.ADMIN) {
            throw ApiException.forbidden("hotline casework needs the analyst or admin role");
        }
        return caller;
    }

    private static org.tideline.server.hotline.notice.NoticeSettings noticeSettings(HotlineSettings settings) {
        return org.tideline.server.hotline.notice.NoticeSettings.fromProperties(settings.takedown().raw());
    }

    /** The durable jobs behind takedowns (trace, referral, notices, removal checks). */
    public JobRunner jobs() {
        return jobs;
    }

    @Override
    public void close() {
        closed = true;
        jobs.close();
        tracer.close();
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
