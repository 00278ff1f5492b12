package org.tideline.server.bank;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tideline.server.access.Caller;

/**
 * Adds a batch of entries with the same answers as adding them one by one ({@link ContentStore#add}: an entry is
 * "existing" when its source exchange and record id, or any of its signals, is already in the bank, including
 * earlier in the batch), but with set-wise work: which signals and source records the bank already holds is asked
 * once per signal type and once per source exchange, and the new entries' rows and their signal rows are
 * inserted as two JDBC batches: a handful of round trips per batch instead of four or five per entry.
 *
 * <p>A concurrent writer can add one of the batch's signals between the lookup and the insert; the unique
 * constraint then refuses the batch and the transaction rolls back, as it would for single adds.
 */
final class BatchWriter {

    private static final char SEPARATOR = '\u0000';

    private final ContentStore contents;

    BatchWriter(ContentStore contents) {
        this.contents = contents;
    }

    /** Adds the entries not already in the bank; their change-log records go to {@code changes}. */
    int addAll(Connection c, Caller caller, Bank bank, List<Map<SignalType, String>> signals, List<NewContent> batch,
            Instant now, List<Change> changes) throws SQLException {
        Set<String> knownSignals = knownSignals(c, bank, signals);
        Set<String> knownSources = knownSources(c, bank, batch);
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String source = source(batch.get(i));
            if ((source != null && knownSources.contains(source))
                    || signals.get(i).entrySet().stream().anyMatch(s -> knownSignals.contains(key(s.getKey(), s.getValue())))) {
                continue;
            }
            signals.get(i).forEach((type, value) -> knownSignals.add(key(type, value)));
            if (source != null) {
                knownSources.add(source);
            }
            fresh.add(i);
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        List<Long> ids = contents.insertEntries(c, caller, bank, fresh.stream().map(batch::get).toList(), now);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO bank_signal"
                + " (bank_id, content_id, signal_type, signal_value, quality) VALUES (?, ?, ?, ?, ?)")) {
            for (int k = 0; k < fresh.size(); k++) {
                NewContent content = batch.get(fresh.get(k));
                long id = ids.get(k);
                for (var s : signals.get(fresh.get(k)).entrySet()) {
                    insert.setLong(1, bank.id());
                    insert.setLong(2, id);
                    insert.setString(3, s.getKey().name());
                    insert.setString(4, s.getValue());
                    if (s.getKey() == SignalType.PDQ && content.pdqQuality().isPresent()) {
                        insert.setInt(5, content.pdqQuality().get());
                    } else {
                        insert.setNull(5, Types.INTEGER);
                    }
                    insert.addBatch();
                    changes.add(ChangeLog.signalAdded(bank.id(), id, s.getKey(), s.getValue()));
                }
                changes.add(ChangeLog.contentChanged(bank.id(), id));
            }
            insert.executeBatch();
        }
        return fresh.size();
    }

    private static Set<String> knownSignals(Connection c, Bank bank, List<Map<SignalType, String>> signals)
            throws SQLException {
        Map<SignalType, Set<String>> byType = new EnumMap<>(SignalType.class);
        signals.forEach(m -> m.forEach((type, value) -> byType.computeIfAbsent(type, t -> new HashSet<>()).add(value)));
        Set<String> known = new HashSet<>();
        for (var e : byType.entrySet()) {
            for (String value : present(c, "SELECT s.signal_value FROM UNNEST(?) AS v(x) JOIN bank_signal s"
                    + " ON s.bank_id = ? AND s.signal_type = ? AND s.signal_value = v.x", e.getValue(), bank.id(),
                    e.getKey().name())) {
                known.add(key(e.getKey(), value));
            }
        }
        return known;
    }

    private static Set<String> knownSources(Connection c, Bank bank, List<NewContent> batch) throws SQLException {
        Map<String, Set<String>> byExchange = new HashMap<>();
        for (NewContent content : batch) {
            if (content.sourceExchange().isPresent() && content.sourceRecordId().isPresent()) {
                byExchange.computeIfAbsent(content.sourceExchange().get(), x -> new HashSet<>())
                        .add(content.sourceRecordId().get());
            }
        }
        Set<String> known = new HashSet<>();
        for (var e : byExchange.entrySet()) {
            for (String id : present(c, "SELECT bc.source_record_id FROM UNNEST(?) AS v(x) JOIN bank_content bc"
                    + " ON bc.bank_id = ? AND bc.source_exchange = ? AND bc.source_record_id = v.x", e.getValue(),
                    bank.id(), e.getKey())) {
                known.add(e.getKey() + SEPARATOR + id);
            }
        }
        return known;
    }

    /**
     * Which of {@code values} the query finds. The values go in as one array parameter joined through UNNEST: an
     * IN list of parameters would make H2 scan every row under the index prefix and compare it with each parameter,
     * where the join looks each value up in the index, on H2 and PostgreSQL alike.
     */
    private static List<String> present(Connection c, String sql, Set<String> values, long bankId, String key)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", values.toArray()));
            ps.setLong(2, bankId);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String source(NewContent content) {
        return content.sourceExchange().isPresent() && content.sourceRecordId().isPresent()
                ? content.sourceExchange().get() + SEPARATOR + content.sourceRecordId().get() : null;
    }

    private static String key(SignalType type, String value) {
        return type.name() + SEPARATOR + value;
    }
}
