package org.tideline.server.bank;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tideline.server.store.Sql;

/** Reading bank rows (with their shares and owner) from the database. */
public final class Banks {

    private static final String SELECT = "SELECT b.*, o.name AS owner_name FROM bank b"
            + " JOIN organisation o ON o.id = b.owner_org_id";

    private Banks() {}

    public static List<Bank> all(Connection c) throws SQLException {
        Map<Long, Set<Long>> shares = new HashMap<>();
        for (long[] s : Sql.list(c, "SELECT bank_id, org_id FROM bank_share",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)})) {
            shares.computeIfAbsent(s[0], k -> new HashSet<>()).add(s[1]);
        }
        return Sql.list(c, SELECT + " ORDER BY b.name", rs -> bank(rs, shares.getOrDefault(rs.getLong("id"), Set.of())));
    }

    public static Optional<Bank> load(Connection c, long id) throws SQLException {
        Set<Long> shares = shares(c, id);
        return Sql.one(c, SELECT + " WHERE b.id = ?", rs -> bank(rs, shares), id);
    }

    static Optional<Bank> byName(Connection c, String name) throws SQLException {
        Optional<Long> id = Sql.one(c, "SELECT id FROM bank WHERE name = ?", rs -> rs.getLong(1), name);
        return id.isEmpty() ? Optional.empty() : load(c, id.get());
    }

    /** Signal types on for the deployment: all, unless switched off in {@code signal_type_setting}. */
    public static Set<SignalType> enabledSignalTypes(Connection c) throws SQLException {
        Set<SignalType> on = EnumSet.allOf(SignalType.class);
        for (var off : Sql.list(c, "SELECT signal_type FROM signal_type_setting WHERE NOT enabled",
                rs -> rs.getString(1))) {
            on.remove(SignalType.valueOf(off));
        }
        return on;
    }

    private static Set<Long> shares(Connection c, long bankId) throws SQLException {
        return new HashSet<>(Sql.list(c, "SELECT org_id FROM bank_share WHERE bank_id = ?", rs -> rs.getLong(1), bankId));
    }

    private static Bank bank(ResultSet rs, Set<Long> shares) throws SQLException {
        return new Bank(rs.getLong("id"), rs.getString("name"), rs.getLong("owner_org_id"), rs.getString("owner_name"),
                Sharing.valueOf(rs.getString("sharing")), shares, rs.getDouble("enabled_ratio"),
                rs.getInt("pdq_threshold"), rs.getBoolean("negative"), decodeTypes(rs.getString("disabled_signal_types")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    static String encodeTypes(Set<SignalType> types) {
        return types.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static Set<SignalType> decodeTypes(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(SignalType::valueOf).collect(Collectors.toSet());
    }
}
