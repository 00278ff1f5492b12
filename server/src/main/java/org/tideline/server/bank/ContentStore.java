package org.tideline.server.bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tideline.server.ApiException;
import org.tideline.server.access.Caller;
import org.tideline.server.classification.Verdict;
import org.tideline.server.store.Sql;

/** The rows of one bank entry: content, signals, verdicts; and their change-log records. */
final class ContentStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_LIST = 500;

    private final Clock clock;
    private final Verdicts verdicts;

    ContentStore(Clock clock, Verdicts verdicts) {
        this.clock = clock;
        this.verdicts = verdicts;
    }

    BankContent add(Connection c, Caller caller, Bank bank, Map<SignalType, String> signals, NewContent content)
            throws SQLException {
        Optional<Long> existing = existing(c, bank, signals, content);
        if (existing.isPresent()) {
            return load(c, bank, existing.get()).orElseThrow();
        }
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>();
        long id = insert(c, caller, bank, signals, content, now, changes);
        ChangeLog.append(c, now, changes);
        return load(c, bank, id).orElseThrow();
    }

    private long insert(Connection c, Caller caller, Bank bank, Map<SignalType, String> signals, NewContent content,
            Instant now, List<Change> changes) throws SQLException {
        long id = insertEntries(c, caller, bank, List.of(content), now).getFirst();
        for (var s : signals.entrySet()) {
            Integer quality = s.getKey() == SignalType.PDQ ? content.pdqQuality().orElse(null) : null;
            Sql.update(c, "INSERT INTO bank_signal (bank_id, content_id, signal_type, signal_value, quality)"
                    + " VALUES (?, ?, ?, ?, ?)", bank.id(), id, s.getKey(), s.getValue(), quality);
            changes.add(ChangeLog.signalAdded(bank.id(), id, s.getKey(), s.getValue()));
        }
        changes.add(ChangeLog.contentChanged(bank.id(), id));
        return id;
    }

    /**
     * The entries' own rows and their verdicts, without their signals, as one JDBC batch (one round trip to
     * PostgreSQL however many there are); answers their ids in order.
     */
    List<Long> insertEntries(Connection c, Caller caller, Bank bank, List<NewContent> entries, Instant now)
            throws SQLException {
        List<List<Verdict>> derived = new ArrayList<>(entries.size());
        List<Long> ids = new ArrayList<>(entries.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bank_content (bank_id, contributor_org_id,"
                + " source_exchange, source_record_id, created_at, updated_at, attributes, metadata)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            for (NewContent content : entries) {
                derived.add(verdicts.derive(content.attributes(), caller.principal()));
                ps.setLong(1, bank.id());
                ps.setLong(2, caller.orgId());
                ps.setString(3, content.sourceExchange().orElse(null));
                ps.setString(4, content.sourceRecordId().orElse(null));
                ps.setObject(5, now.atOffset(ZoneOffset.UTC));
                ps.setObject(6, now.atOffset(ZoneOffset.UTC));
                ps.setString(7, content.attributes().isEmpty() ? null : json(content.attributes()));
                ps.setString(8, content.metadata().orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        }
        if (ids.size() != entries.size()) {
            throw new SQLException("expected " + entries.size() + " generated ids, got " + ids.size());
        }
        for (int i = 0; i < ids.size(); i++) {
            Verdicts.store(c, ids.get(i), derived.get(i));
        }
        return ids;
    }

    /** The entry this content already is: same source record, or sharing a signal with it. */
    private static Optional<Long> existing(Connection c, Bank bank, Map<SignalType, String> signals,
            NewContent content) throws SQLException {
        if (content.sourceExchange().isPresent() && content.sourceRecordId().isPresent()) {
            Optional<Long> bySource = Sql.one(c, "SELECT id FROM bank_content WHERE bank_id = ? AND source_exchange = ?"
                            + " AND source_record_id = ?", rs -> rs.getLong(1), bank.id(),
                    content.sourceExchange().get(), content.sourceRecordId().get());
            if (bySource.isPresent()) {
                return bySource;
            }
        }
        for (var s : signals.entrySet()) {
            Optional<Long> bySignal = Sql.one(c, "SELECT content_id FROM bank_signal WHERE bank_id = ?"
                    + " AND signal_type = ? AND signal_value = ?", rs -> rs.getLong(1), bank.id(), s.getKey(), s.getValue());
            if (bySignal.isPresent()) {
                return bySignal;
            }
        }
        return Optional.empty();
    }

    Optional<BankContent> load(Connection c, Bank bank, long id) throws SQLException {
        List<BankContent> found = loadAll(c, List.of(id), Map.of(bank.id(), bank));
        return found.stream().filter(bc -> bc.bank().equals(bank.name())).findFirst();
    }

    /** Entries by id, in the given order, among the given banks (others are left out). */
    List<BankContent> loadAll(Connection c, List<Long> ids, Map<Long, Bank> banks) throws SQLException {
        Map<Long, BankContent> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            String in = chunk.stream().map(String::valueOf).collect(Collectors.joining(","));
            Map<Long, Map<SignalType, String>> signals = new HashMap<>();
            for (var row : Sql.list(c, "SELECT content_id, signal_type, signal_value FROM bank_signal WHERE content_id IN ("
                    + in + ")", rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})) {
                signals.computeIfAbsent((Long) row[0], k -> new EnumMap<>(SignalType.class))
                        .put(SignalType.valueOf((String) row[1]), (String) row[2]);
            }
            Map<Long, List<Verdict>> stored = Verdicts.load(c, in);
            for (BankContent bc : Sql.list(c, "SELECT bc.*, o.name AS contributor FROM bank_content bc"
                    + " JOIN organisation o ON o.id = bc.contributor_org_id WHERE bc.id IN (" + in + ")", rs -> {
                        Bank bank = banks.get(rs.getLong("bank_id"));
                        if (bank == null) {
                            return null;
                        }
                        long id = rs.getLong("id");
                        var provenance = new Provenance(rs.getString("contributor"),
                                Optional.ofNullable(rs.getString("source_exchange")),
                                Optional.ofNullable(rs.getString("source_record_id")),
                                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
                        return new BankContent(id, bank.name(), signals.getOrDefault(id, Map.of()), provenance,
                                rs.getBoolean("enabled"), Sql.optionalInstant(rs, "disabled_until"),
                                rs.getBoolean("quarantined"), parse(rs.getString("attributes")),
                                stored.getOrDefault(id, List.of()), Optional.ofNullable(rs.getString("metadata")));
                    })) {
                if (bc != null) {
                    byId.put(bc.id(), bc);
                }
            }
        }
        List<BankContent> out = new ArrayList<>();
        for (long id : ids) {
            BankContent bc = byId.get(id);
            if (bc != null) {
                out.add(bc);
            }
        }
        return out;
    }

    void update(Connection c, Bank bank, long id, ContentUpdate update) throws SQLException {
        requireIn(c, bank, id);
        Instant now = clock.instant();
        if (update.enabled().isPresent()) {
            Sql.update(c, "UPDATE bank_content SET enabled = ? WHERE id = ?", update.enabled().get(), id);
        }
        if (update.disabledUntil().isPresent()) {
            Sql.update(c, "UPDATE bank_content SET disabled_until = ? WHERE id = ?",
                    update.disabledUntil().get().orElse(null), id);
        }
        if (update.quarantined().isPresent()) {
            Sql.update(c, "UPDATE bank_content SET quarantined = ? WHERE id = ?", update.quarantined().get(), id);
        }
        Sql.update(c, "UPDATE bank_content SET updated_at = ? WHERE id = ?", now, id);
        ChangeLog.append(c, now, List.of(ChangeLog.contentChanged(bank.id(), id)));
    }

    void delete(Connection c, Bank bank, long id) throws SQLException {
        requireIn(c, bank, id);
        List<Change> changes = new ArrayList<>(Sql.list(c,
                "SELECT signal_type, signal_value FROM bank_signal WHERE content_id = ?",
                rs -> ChangeLog.signalRemoved(bank.id(), id, SignalType.valueOf(rs.getString(1)), rs.getString(2)), id));
        changes.add(ChangeLog.contentChanged(bank.id(), id));
        Sql.update(c, "DELETE FROM bank_content WHERE id = ?", id);
        ChangeLog.append(c, clock.instant(), changes);
    }

    private static void requireIn(Connection c, Bank bank, long id) throws SQLException {
        if (Sql.count(c, "SELECT COUNT(*) FROM bank_content WHERE id = ? AND bank_id = ?", id, bank.id()) == 0) {
            throw ApiException.notFound("no entry " + id + " in bank " + bank.name());
        }
    }

    private static String json(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(map));
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("attributes are not serialisable: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> parse(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not JSON", e);
        }
    }
}
