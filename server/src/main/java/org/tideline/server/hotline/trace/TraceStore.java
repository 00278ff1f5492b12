package org.tideline.server.hotline.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tideline.server.store.Sql;

/**
 * Traces in {@code hotline_trace} (V25): one row per trace, never updated, so the history of where a URL was hosted
 * stays. The lists (CNAME chain, addresses, methods) are JSON text: they are read back whole, never queried into;
 * the facts routing and statistics need (hosting country, CDN, the first address's AS) are columns.
 *
 * <p>Works on the caller's connection and transaction, like the other hotline stores.
 */
public final class TraceStore {

    /** Why a trace was made. */
    public static final Set<String> REASONS = Set.of("CONFIRMED", "BOUNCE", "RECHECK");

    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceStore() {}

    /** Stores {@code trace} for URL {@code urlId} and returns the row id. */
    public static long record(Connection c, long urlId, Trace trace, String reason) throws SQLException {
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + REASONS);
        }
        Optional<IpInfo> first = trace.addresses().stream().findFirst();
        return Sql.insert(c, "INSERT INTO hotline_trace (url_id, traced_at, reason, host, cname_chain, addresses,"
                        + " cdn, registrar, registrar_iana, registrar_domain, hosting_country, as_number, as_org,"
                        + " methods) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                urlId, trace.at(), reason, trace.host(), write(chainJson(trace.cnameChain())),
                write(addressesJson(trace.addresses())), trace.cdn(), trace.registrar().map(Registrar::name),
                trace.registrar().flatMap(Registrar::ianaId), trace.registrar().map(Registrar::domain),
                trace.hostingCountry(), first.flatMap(IpInfo::asn), first.flatMap(IpInfo::asOrg),
                write(methodsJson(trace.methods())));
    }

    /** The newest trace of URL {@code urlId}. */
    public static Optional<StoredTrace> latest(Connection c, long urlId) throws SQLException {
        return Sql.one(c, "SELECT * FROM hotline_trace WHERE url_id = ? ORDER BY traced_at DESC, id DESC"
                + " FETCH FIRST 1 ROWS ONLY", TraceStore::read, urlId);
    }

    /** Every trace of URL {@code urlId}, oldest first. */
    public static List<StoredTrace> history(Connection c, long urlId) throws SQLException {
        return Sql.list(c, "SELECT * FROM hotline_trace WHERE url_id = ? ORDER BY traced_at, id", TraceStore::read,
                urlId);
    }

    private static StoredTrace read(ResultSet rs) throws SQLException {
        Optional<Registrar> registrar = Optional.ofNullable(rs.getString("registrar")).map(name -> {
            try {
                long iana = rs.getLong("registrar_iana");
                Optional<Long> ianaId = rs.wasNull() ? Optional.empty() : Optional.of(iana);
                return new Registrar(name, ianaId, Optional.ofNullable(rs.getString("registrar_domain")).orElse(""));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Trace trace = new Trace(rs.getString("host"), readChain(parse(rs.getString("cname_chain"))),
                readAddresses(parse(rs.getString("addresses"))), Optional.ofNullable(rs.getString("cdn")), registrar,
                readMethods(parse(rs.getString("methods"))), Sql.instant(rs, "traced_at"));
        return new StoredTrace(rs.getLong("id"), rs.getLong("url_id"), rs.getString("reason"), trace);
    }

    private static ArrayNode chainJson(List<String> chain) {
        ArrayNode a = JSON.createArrayNode();
        chain.forEach(a::add);
        return a;
    }

    private static ArrayNode addressesJson(List<IpInfo> infos) {
        ArrayNode a = JSON.createArrayNode();
        for (IpInfo i : infos) {
            ObjectNode o = a.addObject().put("ip", i.ip().getHostAddress());
            i.asn().ifPresent(n -> o.put("asn", n));
            i.asOrg().ifPresent(s -> o.put("as_org", s));
            i.country().ifPresent(s -> o.put("country", s));
        }
        return a;
    }

    private static ArrayNode methodsJson(List<MethodResult> methods) {
        ArrayNode a = JSON.createArrayNode();
        for (MethodResult m : methods) {
            a.addObject().put("method", m.method()).put("status", m.status().name()).put("detail", m.detail())
                    .put("at", m.at().toString());
        }
        return a;
    }

    private static List<String> readChain(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<IpInfo> readAddresses(JsonNode a) {
        List<IpInfo> out = new ArrayList<>();
        for (JsonNode n : a) {
            out.add(new IpInfo(InetAddress.ofLiteral(n.path("ip").asText()),
                    n.hasNonNull("asn") ? Optional.of(n.get("asn").asLong()) : Optional.empty(),
                    text(n, "as_org"), text(n, "country")));
        }
        return out;
    }

    private static List<MethodResult> readMethods(JsonNode a) {
        List<MethodResult> out = new ArrayList<>();
        for (JsonNode n : a) {
            out.add(new MethodResult(n.path("method").asText(), MethodResult.Status.valueOf(n.path("status").asText()),
                    n.path("detail").asText(), Instant.parse(n.path("at").asText())));
        }
        return out;
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) throws SQLException {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("hotline_trace holds JSON that does not parse", e);
        }
    }
}
