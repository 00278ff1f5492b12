package org.tideline.server.bank;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tideline.server.ApiException;
import org.tideline.server.classification.Attributes;
import org.tideline.server.classification.Classifier;
import org.tideline.server.classification.Verdict;
import org.tideline.server.store.Sql;

/** Deriving an entry's verdicts from its attributes, and their rows. */
final class Verdicts {

    private final Classifier classifier;

    Verdicts(Classifier classifier) {
        this.classifier = classifier;
    }

    /** Every scheme's verdict for these attributes; none when the entry was not assessed. */
    List<Verdict> derive(Map<String, Object> attributes, String assessor) {
        if (attributes.isEmpty()) {
            return List.of();
        }
        try {
            return classifier.classify(Attributes.parse(attributes), assessor);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("attributes: " + e.getMessage());
        }
    }

    static void store(Connection c, long contentId, List<Verdict> verdicts) throws SQLException {
        if (verdicts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO verdict"
                + " (content_id, scheme, scheme_version, verdict_value, assessor, assessed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Verdict v : verdicts) {
                ps.setLong(1, contentId);
                ps.setString(2, v.scheme());
                ps.setString(3, v.schemeVersion());
                ps.setString(4, v.value());
                ps.setString(5, v.assessor());
                ps.setObject(6, v.assessedAt().atOffset(ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Verdicts of the entries whose ids are listed in {@code inList} (a comma-separated list of numbers). */
    static Map<Long, List<Verdict>> load(Connection c, String inList) throws SQLException {
        Map<Long, List<Verdict>> out = new HashMap<>();
        for (var row : Sql.list(c, "SELECT * FROM verdict WHERE content_id IN (" + inList + ") ORDER BY id",
                rs -> Map.entry(rs.getLong("content_id"), new Verdict(rs.getString("scheme"),
                        rs.getString("scheme_version"), rs.getString("verdict_value"), rs.getString("assessor"),
                        Sql.instant(rs, "assessed_at"))))) {
            out.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
        }
        return out;
    }
}
