package org.tideline.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tideline.core.media.MediaHashes;
import org.tideline.server.ApiException;
import org.tideline.server.Services;
import org.tideline.server.access.Caller;
import org.tideline.server.access.NewApiKey;
import org.tideline.server.access.Permission;
import org.tideline.server.access.Role;
import org.tideline.server.audit.AuditRecord;
import org.tideline.server.audit.AuditVerdict;
import org.tideline.server.bank.Bank;
import org.tideline.server.bank.BankContent;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.ContentUpdate;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.Sharing;
import org.tideline.server.bank.SignalType;
import org.tideline.server.match.Hit;
import org.tideline.server.match.LookupOptions;
import org.tideline.server.match.LookupResult;
import org.tideline.server.match.MatchService;

/**
 * Tideline's own API under {@code /v1}: everything HMA's offers plus sharing, thresholds, negative banks,
 * classification, provenance and verdicts in every match, batch lookups, keys, notifications and the audit log.
 */
final class V1Routes {

    private final Services services;
    private final Lookups lookups;
    private final long maxUploadBytes;

    V1Routes(Services services, Lookups lookups, long maxUploadBytes) {
        this.services = services;
        this.lookups = lookups;
        this.maxUploadBytes = maxUploadBytes;
    }

    void register(RouteTable r) {
        r.get("/v1/banks", this::banks);
        r.post("/v1/banks", this::createBank);
        r.get("/v1/banks/{name}", this::bank);
        r.patch("/v1/banks/{name}", this::updateBank);
        r.delete("/v1/banks/{name}", this::deleteBank);
        r.get("/v1/banks/{name}/entries", this::entries);
        r.post("/v1/banks/{name}/entries", this::addEntry);
        r.get("/v1/banks/{name}/entries/{id}", this::entry);
        r.patch("/v1/banks/{name}/entries/{id}", this::updateEntry);
        r.delete("/v1/banks/{name}/entries/{id}", this::deleteEntry);
        BankFileRoutes files = new BankFileRoutes(services);
        r.post("/v1/banks/{name}/import", files::importList);
        r.get("/v1/banks/{name}/export", files::exportList);
        r.post("/v1/lookup", this::lookup);
        r.post("/v1/lookup/file", this::lookupFile);
        r.get("/v1/index/status", this::indexStatus);
        r.put("/v1/signal-types/{type}", this::setSignalType);
        r.get("/v1/notifications", this::notifications);
        r.post("/v1/keys", this::createKey);
        r.delete("/v1/keys/{id}", this::revokeKey);
        r.get("/v1/audit", this::audit);
        r.get("/v1/audit/verify", this::verifyAudit);
        r.publicPost("/v1/login", this::login);
        r.post("/v1/logout", this::logout);
    }

    private void banks(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        Json.write(ctx, 200, services.banks().banks(caller).stream().map(b -> bankJson(b, caller)).toList());
    }

    private void createBank(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        BankSettings s = settings(Json.tree(ctx));
        if (s.name().isEmpty()) {
            throw ApiException.invalid("field 'name' is required");
        }
        Json.write(ctx, 201, bankJson(services.banks().createBank(caller, s), caller));
    }

    private void bank(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        Json.write(ctx, 200, bankJson(services.banks().bank(caller, ctx.pathParam("name")), caller));
    }

    private void updateBank(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        Json.write(ctx, 200, bankJson(services.banks().updateBank(caller, ctx.pathParam("name"),
                settings(Json.tree(ctx))), caller));
    }

    private void deleteBank(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        services.banks().deleteBank(caller, ctx.pathParam("name"));
        ctx.status(204);
    }

    private void entries(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        long after = Requests.longParam(ctx, "after", 0);
        int limit = Requests.intParam(ctx, "limit", 100, 1, 1000);
        List<BankContent> page = services.banks().contentPage(caller, ctx.pathParam("name"), after, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", page.stream().map(V1Routes::entryJson).toList());
        out.put("next_after", page.size() == limit ? page.getLast().id() : null);
        Json.write(ctx, 200, out);
    }

    private void addEntry(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "signals", "pdq_quality", "source_exchange", "source_record_id", "attributes", "metadata",
                "force");
        JsonNode signalsNode = body.get("signals");
        if (signalsNode == null || !signalsNode.isObject() || signalsNode.isEmpty()) {
            throw ApiException.invalid("field 'signals' is required: an object such as {\"pdq\": \"<64 hex>\"}");
        }
        Map<SignalType, String> signals = new EnumMap<>(SignalType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = signalsNode.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw ApiException.invalid("signal '" + e.getKey() + "' must be a hex string");
            }
            signals.put(SignalType.parse(e.getKey()), e.getValue().asText());
        }
        Map<String, Object> attributes = new HashMap<>();
        JsonNode attrs = body.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                throw ApiException.invalid("field 'attributes' must be an object");
            }
            attributes.putAll(Json.MAPPER.convertValue(attrs, Map.class));
        }
        NewContent content = new NewContent(signals, Fields.integer(body, "pdq_quality"),
                Fields.text(body, "source_exchange"), Fields.text(body, "source_record_id"), attributes,
                Fields.text(body, "metadata"), Fields.bool(body, "force").orElse(false));
        BankContent added = services.banks().addContent(caller, ctx.pathParam("name"), content);
        Json.write(ctx, 201, entryJson(added));
    }

    private void entry(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        Json.write(ctx, 200, entryJson(services.banks().content(caller, ctx.pathParam("name"), Requests.id(ctx, "id"))));
    }

    private void updateEntry(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "enabled", "disabled_until", "quarantined");
        Optional<Optional<Instant>> until = Optional.empty();
        if (body.has("disabled_until")) {
            until = Optional.of(Fields.text(body, "disabled_until").map(V1Routes::instant));
        }
        ContentUpdate update = new ContentUpdate(Fields.bool(body, "enabled"), until, Fields.bool(body, "quarantined"));
        Json.write(ctx, 200, entryJson(services.banks().updateContent(caller, ctx.pathParam("name"),
                Requests.id(ctx, "id"), update)));
    }

    private void deleteEntry(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        services.banks().deleteContent(caller, ctx.pathParam("name"), Requests.id(ctx, "id"));
        ctx.status(204);
    }

    private void lookup(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.MATCH);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "signal_type", "signals", "banks", "quality", "force");
        SignalType type = SignalType.parse(Fields.text(body, "signal_type")
                .orElseThrow(() -> ApiException.invalid("field 'signal_type' is required")));
        JsonNode list = body.get("signals");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiException.invalid("field 'signals' is required: a list of 1 to " + MatchService.MAX_BATCH
                    + " hex strings");
        }
        if (list.size() > MatchService.MAX_BATCH) {
            throw ApiException.invalid("at most " + MatchService.MAX_BATCH + " signals per lookup, got " + list.size());
        }
        List<String> signals = new ArrayList<>();
        list.forEach(n -> signals.add(n.asText()));
        if (type == SignalType.PDQ) {
            SignalType.requireTrustedQuality(Fields.integer(body, "quality").orElse(100),
                    Fields.bool(body, "force").orElse(false));
        }
        Set<String> banks = new HashSet<>();
        JsonNode b = body.get("banks");
        if (b != null && b.isArray()) {
            b.forEach(n -> banks.add(n.asText()));
        }
        List<LookupResult> results = lookups.lookupAll(caller, type, signals,
                LookupOptions.defaults().inBanks(banks));
        Json.write(ctx, 200, Map.of("results", resultsJson(caller, results)));
    }

    private void lookupFile(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.MATCH);
        MediaHashes hashes = Uploads.hashOne(ctx, services, maxUploadBytes);
        Map<String, Object> hashJson = new LinkedHashMap<>();
        hashJson.put("pdq", hashes.pdq().hash().toHex());
        hashJson.put("pdq_quality", hashes.pdq().quality());
        hashJson.put("md5", hashes.digests().md5());
        hashJson.put("sha1", hashes.digests().sha1());
        hashJson.put("sha256", hashes.digests().sha256());
        hashJson.put("width", hashes.width());
        hashJson.put("height", hashes.height());
        boolean force = Requests.flag(ctx, "force");
        Map<String, Object> results = new LinkedHashMap<>();
        for (var e : HmaRoutes.signals(hashes, Set.of()).entrySet()) {
            if (!services.matcher().enabledSignalTypes().contains(e.getKey())) {
                continue;
            }
            var problem = SignalType.lowQualityProblem(hashes.pdq().quality(), force);
            if (e.getKey() == SignalType.PDQ && problem.isPresent()) {
                results.put("pdq", Map.of("refused", problem.get()));
                continue;
            }
            LookupResult r = lookups.lookup(caller, e.getKey(), e.getValue(),
                    LookupOptions.defaults().inBanks(Requests.commaList(ctx, "banks")));
            results.put(e.getKey().label(), resultsJson(caller, List.of(r)).getFirst());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hashes", hashJson);
        out.put("results", results);
        Json.write(ctx, 200, out);
    }

    private void indexStatus(Context ctx) {
        Requests.caller(ctx, Permission.MATCH);
        var s = services.matcher().status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loaded", s.loaded());
        out.put("caught_up", s.caughtUp());
        out.put("applied_change", s.appliedSeq());
        out.put("newest_change", s.headSeq());
        out.put("last_change_at", s.lastChangeAt().orElse(null));
        Map<String, Long> sizes = new LinkedHashMap<>();
        s.sizes().forEach((t, n) -> sizes.put(t.label(), n));
        out.put("sizes", sizes);
        Json.write(ctx, 200, out);
    }

    private void setSignalType(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.ORG_ADMIN);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "enabled");
        boolean enabled = Fields.bool(body, "enabled").orElseThrow(() -> ApiException.invalid("field 'enabled' is required"));
        services.banks().setSignalTypeEnabled(caller, SignalType.parse(ctx.pathParam("type")), enabled);
        ctx.status(204);
    }

    private void notifications(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        Json.write(ctx, 200, Map.of("notifications",
                services.banks().notifications(caller, Requests.longParam(ctx, "after", 0))));
    }

    private void createKey(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.ORG_ADMIN);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "role", "label");
        Role role = parseRole(Fields.text(body, "role").orElseThrow(() -> ApiException.invalid("field 'role' is required")));
        NewApiKey key = services.access().createApiKey(caller.orgName(), role, Fields.text(body, "label").orElse(""));
        Json.write(ctx, 201, Map.of("id", key.id(), "role", role.label(), "key", key.secret()));
    }

    private void revokeKey(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.ORG_ADMIN);
        services.access().revokeApiKey(caller.orgId(), Requests.id(ctx, "id"));
        ctx.status(204);
    }

    private void audit(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.AUDIT_READ);
        List<AuditRecord> records = services.audit().records(caller.orgId(), Requests.longParam(ctx, "after", 0),
                Requests.intParam(ctx, "limit", 100, 1, 1000));
        List<Map<String, Object>> out = new ArrayList<>();
        for (AuditRecord r : records) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", r.seq());
            m.put("at", r.event().at());
            m.put("actor", r.event().actor());
            m.put("action", r.event().action());
            m.put("target", r.event().target());
            m.put("detail", r.event().detail());
            m.put("hash", r.hash());
            out.add(m);
        }
        Json.write(ctx, 200, Map.of("records", out));
    }

    private void verifyAudit(Context ctx) {
        if (!Requests.caller(ctx, Permission.AUDIT_READ).operator()) {
            throw ApiException.forbidden("the whole audit chain is verified by the operating organisation's auditors");
        }
        AuditVerdict v = services.audit().verify();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intact", v.intact());
        out.put("records", v.records());
        out.put("head_hash", v.headHash());
        out.put("problem", v.firstProblem().orElse(null));
        Json.write(ctx, 200, out);
    }

    private void login(Context ctx) {
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "username", "password");
        String user = Fields.text(body, "username").orElseThrow(() -> ApiException.invalid("field 'username' is required"));
        String password = Fields.text(body, "password").orElseThrow(() -> ApiException.invalid("field 'password' is required"));
        var session = services.access().startSession(user, password.toCharArray()).orElseThrow(() ->
                new ApiException(ApiException.Kind.UNAUTHORISED, "wrong user name or password"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", session.token());
        out.put("expires_at", session.expiresAt());
        out.put("organisation", session.caller().orgName());
        out.put("role", session.caller().role().label());
        Json.write(ctx, 200, out);
    }

    private void logout(Context ctx) {
        Requests.caller(ctx);
        String header = ctx.header("Authorization");
        services.access().endSession(header.substring(7).trim());
        ctx.status(204);
    }

    private static Role parseRole(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    private static BankSettings settings(JsonNode body) {
        Fields.only(body, "name", "sharing", "shared_with", "enabled_ratio", "pdq_threshold", "negative",
                "disabled_signal_types");
        BankSettings s = BankSettings.none();
        if (Fields.text(body, "name").isPresent()) {
            s = s.withName(Fields.text(body, "name").get());
        }
        if (Fields.text(body, "sharing").isPresent()) {
            Sharing sharing;
            try {
                sharing = Sharing.valueOf(Fields.text(body, "sharing").get().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("sharing must be private, organisations or alliance");
            }
            Set<String> orgs = new HashSet<>();
            JsonNode list = body.get("shared_with");
            if (list != null && list.isArray()) {
                list.forEach(n -> orgs.add(n.asText()));
            }
            s = s.withSharing(sharing, orgs);
        }
        if (Fields.number(body, "enabled_ratio").isPresent()) {
            s = s.withEnabledRatio(Fields.number(body, "enabled_ratio").get());
        }
        if (Fields.integer(body, "pdq_threshold").isPresent()) {
            s = s.withPdqThreshold(Fields.integer(body, "pdq_threshold").get());
        }
        if (Fields.bool(body, "negative").isPresent()) {
            s = s.withNegative(Fields.bool(body, "negative").get());
        }
        JsonNode off = body.get("disabled_signal_types");
        if (off != null && off.isArray()) {
            Set<SignalType> types = new HashSet<>();
            off.forEach(n -> types.add(SignalType.parse(n.asText())));
            s = s.withDisabledSignalTypes(types);
        }
        return s;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("disabled_until must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
    }

    private static Map<String, Object> bankJson(Bank b, Caller caller) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("owner", b.ownerOrgName());
        m.put("sharing", b.sharing().name().toLowerCase(java.util.Locale.ROOT));
        if (b.ownerOrgId() == caller.orgId()) {
            m.put("shared_with_ids", b.sharedWith());
        }
        m.put("enabled_ratio", b.enabledRatio());
        m.put("pdq_threshold", b.pdqThreshold());
        m.put("negative", b.negative());
        m.put("disabled_signal_types", b.disabledSignalTypes().stream().map(SignalType::label).sorted().toList());
        m.put("created_at", b.createdAt());
        m.put("updated_at", b.updatedAt());
        return m;
    }

    static Map<String, Object> entryJson(BankContent c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("bank", c.bank());
        Map<String, String> signals = new LinkedHashMap<>();
        c.signals().forEach((t, v) -> signals.put(t.label(), v));
        m.put("signals", signals);
        m.put("enabled", c.enabled());
        m.put("disabled_until", c.disabledUntil().orElse(null));
        m.put("quarantined", c.quarantined());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("contributor", c.provenance().contributor());
        p.put("source_exchange", c.provenance().sourceExchange().orElse(null));
        p.put("source_record_id", c.provenance().sourceRecordId().orElse(null));
        p.put("created_at", c.provenance().createdAt());
        p.put("updated_at", c.provenance().updatedAt());
        m.put("provenance", p);
        m.put("attributes", c.attributes());
        m.put("verdicts", c.verdicts());
        m.put("metadata", c.metadata().orElse(null));
        return m;
    }

    private List<Map<String, Object>> resultsJson(Caller caller, List<LookupResult> results) {
        List<Long> ids = new ArrayList<>();
        for (LookupResult r : results) {
            r.hits().forEach(h -> ids.add(h.contentId()));
            r.suppressedBy().forEach(h -> ids.add(h.contentId()));
        }
        Map<Long, BankContent> entries = new HashMap<>();
        if (!ids.isEmpty()) {
            for (BankContent c : services.banks().contents(caller, ids.stream().distinct().toList())) {
                entries.put(c.id(), c);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (LookupResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("signal_type", r.signalType().label());
            m.put("signal", r.signal());
            m.put("matches", r.hits().stream().map(h -> hitJson(h, entries.get(h.contentId()))).toList());
            if (!r.suppressedBy().isEmpty()) {
                m.put("suppressed_by", r.suppressedBy().stream().map(h -> hitJson(h, entries.get(h.contentId()))).toList());
                m.put("suppressed_count", r.suppressed().size());
            }
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> hitJson(Hit h, BankContent entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bank", h.bank());
        m.put("entry_id", h.contentId());
        m.put("signal_type", h.signalType().label());
        m.put("signal", h.signal());
        m.put("distance", h.distance());
        if (entry != null) {
            Map<String, Object> e = entryJson(entry);
            m.put("provenance", e.get("provenance"));
            m.put("verdicts", e.get("verdicts"));
            m.put("attributes", e.get("attributes"));
        }
        return m;
    }
}
