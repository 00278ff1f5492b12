package org.tideline.server.bank;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tideline.server.ApiException;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Permission;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.classification.Classifier;
import org.tideline.server.store.Database;
import org.tideline.server.store.Sql;

/**
 * Banks and their entries, with every rule of who may see and change what.
 *
 * <p>Visibility: a bank belongs to one organisation; others see it only when it is shared with them (named, or the
 * whole alliance). Anything a caller may not see answers "not found", exactly as if it did not exist. Only the
 * owner changes a bank; a caller who can see it but not change it is told so (403).
 *
 * <p>Every write appends to the {@link ChangeLog} in the same transaction, which is how live indexes (in this
 * process and in any other on the same database) learn of it.
 */
public final class BankService {

    /**
     * Work that must commit with a batch of entries or not at all (an import's record of how far it got), run in
     * the batch's transaction once the entries are in.
     */
    @FunctionalInterface
    public interface BatchFollowUp {
        void run(Connection connection, BatchResult result) throws SQLException;
    }

    /** Longest source exchange name, source record id and metadata (the columns' sizes). */
    static final int MAX_SOURCE_EXCHANGE = 100;
    static final int MAX_SOURCE_RECORD_ID = 200;
    static final int MAX_METADATA = 4000;

    /** HMA's rule for bank names, kept so HMA clients and their banks move over unchanged. */
    static final Pattern BANK_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,99}");

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final ContentStore contents;
    private final BatchWriter batches;

    public BankService(Database db, Clock clock, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.contents = new ContentStore(clock, new Verdicts(Classifier.standard(clock)));
        this.batches = new BatchWriter(contents);
    }

    public Bank createBank(Caller caller, BankSettings settings) {
        require(caller, Permission.BANK_WRITE);
        String name = settings.name().orElseThrow(() -> ApiException.invalid("a bank needs a name"));
        checkName(name);
        return db.transaction(c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM bank WHERE name = ?", name) > 0) {
                throw ApiException.conflict("bank name '" + name + "' is taken");
            }
            Instant now = clock.instant();
            long id = Sql.insert(c, "INSERT INTO bank (name, owner_org_id, sharing, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", name, caller.orgId(), Sharing.PRIVATE, now, now);
            applySettings(c, id, settings.withName(name));
            ChangeLog.append(c, now, List.of(ChangeLog.bankChanged(id)));
            Bank created = Banks.load(c, id).orElseThrow();
            audit.append(c, audit.event(caller, "bank.create", "bank:" + name, describe(created)));
            return created;
        });
    }

    /** The banks the caller can see, by name. */
    public List<Bank> banks(Caller caller) {
        require(caller, Permission.BANK_READ);
        return db.transaction(c -> Banks.all(c).stream().filter(b -> b.visibleTo(caller.orgId())).toList());
    }

    public Bank bank(Caller caller, String name) {
        require(caller, Permission.BANK_READ);
        return db.transaction(c -> visible(c, caller, name));
    }

    public Bank updateBank(Caller caller, String name, BankSettings settings) {
        require(caller, Permission.BANK_WRITE);
        settings.name().ifPresent(BankService::checkName);
        return db.transaction(c -> {
            Bank bank = owned(c, caller, name);
            if (settings.name().isPresent() && !settings.name().get().equals(name)
                    && Sql.count(c, "SELECT COUNT(*) FROM bank WHERE name = ?", settings.name().get()) > 0) {
                throw ApiException.conflict("bank name '" + settings.name().get() + "' is taken");
            }
            applySettings(c, bank.id(), settings);
            ChangeLog.append(c, clock.instant(), List.of(ChangeLog.bankChanged(bank.id())));
            Bank updated = Banks.load(c, bank.id()).orElseThrow();
            audit.append(c, audit.event(caller, "bank.update", "bank:" + name, describe(updated)));
            return updated;
        });
    }

    /** Deletes a bank and every entry in it; the indexes drop its signals through the change log. */
    public void deleteBank(Caller caller, String name) {
        require(caller, Permission.BANK_WRITE);
        db.transaction(c -> {
            Bank bank = owned(c, caller, name);
            List<Change> changes = new ArrayList<>();
            for (var s : Sql.list(c, "SELECT content_id, signal_type, signal_value FROM bank_signal WHERE bank_id = ?",
                    rs -> ChangeLog.signalRemoved(bank.id(), rs.getLong(1), SignalType.valueOf(rs.getString(2)),
                            rs.getString(3)), bank.id())) {
                changes.add(s);
            }
            changes.add(ChangeLog.bankChanged(bank.id()));
            Sql.update(c, "DELETE FROM bank WHERE id = ?", bank.id());
            ChangeLog.append(c, clock.instant(), changes);
            audit.append(c, audit.event(caller, "bank.delete", "bank:" + name,
                    (changes.size() - 1) + " signals removed"));
            return null;
        });
    }

    /**
     * Adds an entry, or answers the entry that already holds one of its signals (so a retried or repeated write
     * changes nothing).
     */
    public BankContent addContent(Caller caller, String bankName, NewContent content) {
        require(caller, Permission.BANK_WRITE);
        Map<SignalType, String> signals = normalise(content);
        return db.transaction(c -> {
            Bank bank = owned(c, caller, bankName);
            BankContent added = contents.add(c, caller, bank, signals, content);
            audit.append(c, audit.event(caller, "entry.add", "bank:" + bankName + "/entry:" + added.id(),
                    signals.toString()));
            return added;
        });
    }

    /** Adds many entries in one transaction; each answers as {@link #addContent} would. */
    public List<BankContent> addContents(Caller caller, String bankName, List<NewContent> batch) {
        require(caller, Permission.BANK_WRITE);
        List<Map<SignalType, String>> normalised = batch.stream().map(BankService::normalise).toList();
        return db.transaction(c -> {
            Bank bank = owned(c, caller, bankName);
            List<BankContent> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                out.add(contents.add(c, caller, bank, normalised.get(i), batch.get(i)));
            }
            audit.append(c, audit.event(caller, "entry.add-batch", "bank:" + bankName, batch.size() + " entries"
                    + (out.isEmpty() ? "" : ", ids " + out.getFirst().id() + ".." + out.getLast().id())));
            return out;
        });
    }

    /**
     * Adds many entries in one transaction as {@link #addContents} does, but answers only how many were new, and
     * runs {@code followUp} in the same transaction before it commits. Entries are not loaded back, and the change
     * log is appended once for the batch: this is the import path.
     */
    public BatchResult addBatch(Caller caller, String bankName, List<NewContent> batch, BatchFollowUp followUp) {
        require(caller, Permission.BANK_WRITE);
        List<Map<SignalType, String>> normalised = batch.stream().map(BankService::normalise).toList();
        return db.transaction(c -> {
            Bank bank = owned(c, caller, bankName);
            Instant now = clock.instant();
            List<Change> changes = new ArrayList<>();
            int added = batches.addAll(c, caller, bank, normalised, batch, now, changes);
            ChangeLog.append(c, now, changes);
            BatchResult result = new BatchResult(added, batch.size() - added);
            if (!batch.isEmpty()) {
                audit.append(c, audit.event(caller, "entry.add-batch", "bank:" + bankName,
                        batch.size() + " entries, " + added + " new"));
            }
            followUp.run(c, result);
            return result;
        });
    }

    /**
     * Removes what a crashed batch left half-written in a bank above marks known to be committed ({@link
     * Leftovers}); answers how many entries went. An import calls this before resuming.
     */
    public int removeLeftovers(Caller caller, String bankName, long afterContentId, long afterChangeSeq) {
        require(caller, Permission.BANK_WRITE);
        return db.transaction(c -> {
            Bank bank = owned(c, caller, bankName);
            int removed = Leftovers.remove(c, bank.id(), afterContentId, afterChangeSeq);
            if (removed > 0) {
                audit.append(c, audit.event(caller, "entry.remove-leftovers", "bank:" + bankName,
                        removed + " half-written entries removed"));
            }
            return removed;
        });
    }

    public BankContent content(Caller caller, String bankName, long contentId) {
        require(caller, Permission.BANK_READ);
        return db.transaction(c -> {
            Bank bank = visible(c, caller, bankName);
            return contents.load(c, bank, contentId)
                    .orElseThrow(() -> ApiException.notFound("no entry " + contentId + " in bank " + bankName));
        });
    }

    /** Entries by id, across the banks the caller can see; ids it cannot see are left out. */
    public List<BankContent> contents(Caller caller, List<Long> ids) {
        return db.transaction(c -> {
            Map<Long, Bank> banks = new LinkedHashMap<>();
            for (Bank b : Banks.all(c)) {
                banks.put(b.id(), b);
            }
            return contents.loadAll(c, ids, banks).stream()
                    .filter(bc -> banks.values().stream()
                            .anyMatch(b -> b.name().equals(bc.bank()) && b.visibleTo(caller.orgId())))
                    .toList();
        });
    }

    /** A page of a bank's entries, by id, after {@code afterId}. */
    public List<BankContent> contentPage(Caller caller, String bankName, long afterId, int limit) {
        require(caller, Permission.BANK_READ);
        return db.transaction(c -> {
            Bank bank = visible(c, caller, bankName);
            List<Long> ids = Sql.list(c, "SELECT id FROM bank_content WHERE bank_id = ? AND id > ? ORDER BY id LIMIT "
                    + Math.clamp(limit, 1, 10_000), rs -> rs.getLong(1), bank.id(), afterId);
            return contents.loadAll(c, ids, Map.of(bank.id(), bank));
        });
    }

    public BankContent updateContent(Caller caller, String bankName, long contentId, ContentUpdate update) {
        require(caller, Permission.BANK_WRITE);
        return db.transaction(c -> {
            Bank bank = owned(c, caller, bankName);
            contents.update(c, bank, contentId, update);
            audit.append(c, audit.event(caller, "entry.update", "bank:" + bankName + "/entry:" + contentId,
                    update.toString()));
            return contents.load(c, bank, contentId).orElseThrow();
        });
    }

    public void deleteContent(Caller caller, String bankName, long contentId) {
        require(caller, Permission.BANK_WRITE);
        db.transaction(c -> {
            Bank bank = owned(c, caller, bankName);
            contents.delete(c, bank, contentId);
            audit.append(c, audit.event(caller, "entry.delete", "bank:" + bankName + "/entry:" + contentId, ""));
            return null;
        });
    }

    /** Turns a signal type on or off for the whole deployment (admins of the operating organisation only). */
    public void setSignalTypeEnabled(Caller caller, SignalType type, boolean enabled) {
        require(caller, Permission.ORG_ADMIN);
        if (!caller.operatesDeployment()) {
            throw ApiException.forbidden("only an admin of the organisation operating this deployment may switch a"
                    + " signal type for everyone");
        }
        db.transaction(c -> {
            if (Sql.update(c, "UPDATE signal_type_setting SET enabled = ? WHERE signal_type = ?", enabled, type) == 0) {
                Sql.update(c, "INSERT INTO signal_type_setting (signal_type, enabled) VALUES (?, ?)", type, enabled);
            }
            ChangeLog.append(c, clock.instant(),
                    List.of(new Change(0, null, Change.Kind.SETTINGS_CHANGED, 0, 0, null, null)));
            audit.append(c, audit.event(caller, "signal-type." + (enabled ? "enable" : "disable"),
                    "signal-type:" + type.label(), ""));
            return null;
        });
    }

    /** The signal types switched on for the deployment. */
    public Set<SignalType> enabledSignalTypes() {
        return db.transaction(Banks::enabledSignalTypes);
    }

    /**
     * Quarantines an entry on the service's own authority (the flood guard) and tells the owning organisation's
     * curators. Does nothing if the entry is gone or already quarantined.
     */
    public void quarantine(long contentId, String reason) {
        db.transaction(c -> {
            Optional<Long> bankId = Sql.one(c, "SELECT bank_id FROM bank_content WHERE id = ? AND NOT quarantined",
                    rs -> rs.getLong(1), contentId);
            if (bankId.isEmpty()) {
                return null;
            }
            Bank bank = Banks.load(c, bankId.get()).orElseThrow();
            Instant now = clock.instant();
            Sql.update(c, "UPDATE bank_content SET quarantined = TRUE, updated_at = ? WHERE id = ?", now, contentId);
            ChangeLog.append(c, now, List.of(ChangeLog.contentChanged(bank.id(), contentId)));
            Sql.insert(c, "INSERT INTO notification (org_id, kind, message, bank_id, content_id, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", bank.ownerOrgId(), "QUARANTINE",
                    "Entry " + contentId + " of bank " + bank.name() + " was quarantined and no longer matches: "
                            + reason + ". Check it, then release it (PATCH /v1/banks/" + bank.name() + "/entries/"
                            + contentId + " {\"quarantined\": false}) or delete it.",
                    bank.id(), contentId, now);
            audit.append(c, audit.systemEvent(bank.ownerOrgId(), "entry.quarantine",
                    "bank:" + bank.name() + "/entry:" + contentId, reason));
            return null;
        });
    }

    /** The caller's organisation's notifications after {@code afterId}, oldest first. */
    public List<Notification> notifications(Caller caller, long afterId) {
        require(caller, Permission.BANK_READ);
        return db.transaction(c -> Sql.list(c, "SELECT n.*, b.name AS bank_name FROM notification n"
                        + " LEFT JOIN bank b ON b.id = n.bank_id WHERE n.org_id = ? AND n.id > ? ORDER BY n.id LIMIT 1000",
                rs -> new Notification(rs.getLong("id"), rs.getString("kind"), rs.getString("message"),
                        rs.getString("bank_name"), rs.getLong("content_id"), Sql.instant(rs, "created_at")),
                caller.orgId(), afterId));
    }

    static void require(Caller caller, Permission permission) {
        if (!caller.can(permission)) {
            throw ApiException.forbidden("role " + caller.role().label() + " may not do this (needs "
                    + permission.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    private static Bank visible(Connection c, Caller caller, String name) throws SQLException {
        return Banks.byName(c, name).filter(b -> b.visibleTo(caller.orgId()))
                .orElseThrow(() -> ApiException.notFound("no bank named '" + name + "'"));
    }

    private static Bank owned(Connection c, Caller caller, String name) throws SQLException {
        Bank bank = visible(c, caller, name);
        if (bank.ownerOrgId() != caller.orgId()) {
            throw ApiException.forbidden("bank '" + name + "' is shared with you; only " + bank.ownerOrgName()
                    + " can change it");
        }
        return bank;
    }

    private static String describe(Bank b) {
        return "sharing=" + b.sharing() + " sharedWith=" + b.sharedWith() + " enabledRatio=" + b.enabledRatio()
                + " pdqThreshold=" + b.pdqThreshold() + " negative=" + b.negative() + " disabledSignalTypes="
                + b.disabledSignalTypes();
    }

    private static void checkName(String name) {
        if (!BANK_NAME.matcher(name).matches()) {
            throw ApiException.invalid("bank name must be UPPER_WITH_UNDERSCORE: A-Z, 0-9 and _, not starting with a digit, at most 100 (HMA's rule), got '" + name + "'");
        }
    }

    /**
     * Checks an entry as every write does and answers its signals normalised; throws {@link ApiException} INVALID
     * naming what is wrong (never quoting the value).
     */
    public static Map<SignalType, String> normalise(NewContent content) {
        if (content.signals().isEmpty()) {
            throw ApiException.invalid("an entry needs at least one signal (" + SignalType.labels() + ")");
        }
        Map<SignalType, String> out = new EnumMap<>(SignalType.class);
        content.signals().forEach((type, value) -> out.put(type, type.normalise(value)));
        if (out.containsKey(SignalType.PDQ)) {
            content.pdqQuality().ifPresent(q -> SignalType.requireTrustedQuality(q, content.force()));
        }
        checkLength(content.sourceExchange(), MAX_SOURCE_EXCHANGE, "source exchange");
        checkLength(content.sourceRecordId(), MAX_SOURCE_RECORD_ID, "source record id");
        checkLength(content.metadata(), MAX_METADATA, "metadata");
        return out;
    }

    private static void checkLength(Optional<String> value, int max, String what) {
        value.filter(v -> v.length() > max).ifPresent(v -> {
            throw ApiException.invalid(what + " is " + v.length() + " characters, over the " + max + " allowed");
        });
    }

    private void applySettings(Connection c, long bankId, BankSettings s) throws SQLException {
        Instant now = clock.instant();
        if (s.name().isPresent()) {
            Sql.update(c, "UPDATE bank SET name = ? WHERE id = ?", s.name().get(), bankId);
        }
        if (s.enabledRatio().isPresent()) {
            double r = s.enabledRatio().get();
            if (!(r >= 0 && r <= 1)) {
                throw ApiException.invalid("enabled ratio must be between 0 and 1, got " + r);
            }
            Sql.update(c, "UPDATE bank SET enabled_ratio = ? WHERE id = ?", r, bankId);
        }
        if (s.pdqThreshold().isPresent()) {
            int t = s.pdqThreshold().get();
            if (t < 0 || t > 64) {
                throw ApiException.invalid("PDQ threshold must be between 0 and 64, got " + t);
            }
            Sql.update(c, "UPDATE bank SET pdq_threshold = ? WHERE id = ?", t, bankId);
        }
        if (s.negative().isPresent()) {
            Sql.update(c, "UPDATE bank SET negative = ? WHERE id = ?", s.negative().get(), bankId);
        }
        if (s.disabledSignalTypes().isPresent()) {
            Sql.update(c, "UPDATE bank SET disabled_signal_types = ? WHERE id = ?",
                    Banks.encodeTypes(s.disabledSignalTypes().get()), bankId);
        }
        if (s.sharing().isPresent()) {
            Sql.update(c, "UPDATE bank SET sharing = ? WHERE id = ?", s.sharing().get(), bankId);
            Sql.update(c, "DELETE FROM bank_share WHERE bank_id = ?", bankId);
            Set<Long> orgIds = new HashSet<>();
            for (String org : s.sharedWith().orElse(Set.of())) {
                long id = Sql.one(c, "SELECT id FROM organisation WHERE name = ?", rs -> rs.getLong(1), org)
                        .orElseThrow(() -> ApiException.invalid("no organisation named '" + org + "' to share with"));
                orgIds.add(id);
            }
            for (long id : orgIds) {
                Sql.update(c, "INSERT INTO bank_share (bank_id, org_id) VALUES (?, ?)", bankId, id);
            }
        }
        Sql.update(c, "UPDATE bank SET updated_at = ? WHERE id = ?", now, bankId);
    }
}
