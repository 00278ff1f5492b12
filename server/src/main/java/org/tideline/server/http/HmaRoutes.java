package org.tideline.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tideline.core.media.MediaHashes;
import org.tideline.core.pdq.PdqHash;
import org.tideline.server.ApiException;
import org.tideline.server.Services;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Permission;
import org.tideline.server.bank.Bank;
import org.tideline.server.bank.BankContent;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.ContentUpdate;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;
import org.tideline.server.match.Hit;
import org.tideline.server.match.IndexStatus;
import org.tideline.server.match.LookupOptions;
import org.tideline.server.match.LookupResult;

/**
 * HMA 1.1's REST API ({@code /m}, {@code /h}, {@code /c}), same paths and JSON shapes, so existing HMA
 * integrations work unchanged once they send an API key. Differences, on purpose: a bank or entry another
 * organisation has not shared is 404 (HMA has no tenants); deleting a missing bank is 404 rather than HMA's
 * "Done"; hashing by URL ({@code ?url=}) is refused, as fetching arbitrary URLs from the matcher is a
 * server-side request forgery risk (upload the file instead); PDQ hashes of quality under 50 are refused unless
 * {@code force=true}.
 */
final class HmaRoutes {

    private final Services services;
    private final Lookups lookups;
    private final long maxUploadBytes;

    HmaRoutes(Services services, Lookups lookups, long maxUploadBytes) {
        this.services = services;
        this.lookups = lookups;
        this.maxUploadBytes = maxUploadBytes;
    }

    void register(RouteTable r) {
        r.get("/h/hash", ctx -> {
            Requests.caller(ctx, Permission.MATCH);
            refuseUrl();
        });
        r.post("/h/hash", this::hash);
        r.get("/m/lookup", this::lookup);
        r.post("/m/lookup", this::lookupFile);
        r.get("/m/raw_lookup", this::rawLookup);
        r.get("/m/index/status", this::indexStatus);
        r.post("/m/compare", this::compare);
        r.get("/c/banks", this::banks);
        r.post("/c/banks", this::createBank);
        r.get("/c/bank/{name}", this::bank);
        r.put("/c/bank/{name}", this::updateBank);
        r.delete("/c/bank/{name}", this::deleteBank);
        r.post("/c/bank/{name}/signal", this::addSignal);
        r.post("/c/bank/{name}/content", this::addContent);
        r.get("/c/bank/{name}/content/{id}", this::content);
        r.put("/c/bank/{name}/content/{id}", this::updateContent);
        r.delete("/c/bank/{name}/content/{id}", this::deleteContent);
        r.get("/c/signal_type", this::signalTypes);
    }

    private static void refuseUrl() {
        throw ApiException.invalid("hashing by URL is not offered (the matcher does not fetch URLs):"
                + " POST the file as multipart/form-data instead");
    }

    private void hash(Context ctx) {
        Requests.caller(ctx, Permission.MATCH);
        MediaHashes hashes = Uploads.hashOne(ctx, services, maxUploadBytes);
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : signals(hashes, Requests.commaList(ctx, "types")).entrySet()) {
            out.put(e.getKey().label(), e.getValue());
        }
        Json.write(ctx, 200, out);
    }

    private void lookup(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.MATCH);
        if (Requests.optional(ctx, "url").isPresent()) {
            refuseUrl();
        }
        if (Requests.optional(ctx, "signal").isEmpty() || Requests.optional(ctx, "signal_type").isEmpty()) {
            throw ApiException.invalid("Either url or both signal and signal_type are required");
        }
        SignalType type = SignalType.parse(ctx.queryParam("signal_type"));
        checkQuality(ctx, type);
        LookupResult result = lookups.lookup(caller, type, ctx.queryParam("signal"), options(ctx, false));
        Json.write(ctx, 200, byBank(result.hits()));
    }

    private void lookupFile(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.MATCH);
        MediaHashes hashes = Uploads.hashOne(ctx, services, maxUploadBytes);
        SignalType.lowQualityProblem(hashes.pdq().quality(), Requests.flag(ctx, "force")).ifPresent(problem -> {
            throw ApiException.invalid("invalid signal: " + problem); // HMA's prefix for a bad signal
        });
        Map<String, Object> out = new LinkedHashMap<>();
        LookupOptions options = options(ctx, "true".equals(ctx.queryParam("bypass_coinflip")));
        for (var e : signals(hashes, Requests.commaList(ctx, "types")).entrySet()) {
            if (services.matcher().enabledSignalTypes().contains(e.getKey())) {
                out.put(e.getKey().label(), byBank(lookups.lookup(caller, e.getKey(), e.getValue(), options).hits()));
            }
        }
        Json.write(ctx, 200, out);
    }

    private void rawLookup(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.MATCH);
        SignalType type = SignalType.parse(Requests.required(ctx, "signal_type"));
        String signal = Requests.required(ctx, "signal");
        LookupOptions options = new LookupOptions(Requests.commaList(ctx, "banks"), Optional.empty(), true, true);
        List<Hit> hits = lookups.lookup(caller, type, signal, options).hits();
        List<Object> matches = new ArrayList<>();
        boolean withDistance = Requests.flag(ctx, "include_distance");
        for (Hit h : hits) {
            matches.add(withDistance ? matchItem(h) : h.contentId());
        }
        Json.write(ctx, 200, Map.of("matches", matches));
    }

    private void indexStatus(Context ctx) {
        Requests.caller(ctx, Permission.MATCH);
        Optional<SignalType> only = Requests.optional(ctx, "signal_type").map(t -> SignalType.find(t)
                .orElseThrow(() -> ApiException.invalid("No such signal type '" + t + "'")));
        IndexStatus status = services.matcher().status();
        Map<String, Object> out = new LinkedHashMap<>();
        for (SignalType t : SignalType.values()) {
            if (only.isPresent() && only.get() != t) {
                continue;
            }
            long size = status.sizes().getOrDefault(t, 0L);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("present", status.loaded());
            one.put("built_to", status.lastChangeAt().map(Instant::getEpochSecond).orElse(-1L));
            one.put("size", size);
            out.put(t.label(), one);
        }
        Json.write(ctx, 200, out);
    }

    private void compare(Context ctx) {
        Requests.caller(ctx, Permission.MATCH);
        JsonNode body = Json.tree(ctx);
        if (!body.isObject()) {
            throw ApiException.invalid("Request input was not a dict");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            var e = it.next();
            SignalType type = SignalType.find(e.getKey())
                    .orElseThrow(() -> ApiException.invalid("No such SignalType '" + e.getKey() + "'"));
            JsonNode pair = e.getValue();
            if (!pair.isArray()) {
                throw ApiException.invalid("Comparison hashes for " + e.getKey() + " was not a list");
            }
            if (pair.size() != 2) {
                throw ApiException.invalid("Comparison hash list length must be exactly 2");
            }
            String a = type.normalise(pair.get(0).asText());
            String b = type.normalise(pair.get(1).asText());
            if (type.perceptual()) {
                int d = PdqHash.fromHex(a).distance(PdqHash.fromHex(b));
                out.put(e.getKey(), List.of(d <= SignalType.DEFAULT_PDQ_THRESHOLD, Map.of("distance", d)));
            } else {
                out.put(e.getKey(), List.of(a.equals(b), Map.of()));
            }
        }
        Json.write(ctx, 200, out);
    }

    private void banks(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        Json.write(ctx, 200, services.banks().banks(caller).stream().map(HmaRoutes::bankJson).toList());
    }

    private void createBank(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "name", "enabled_ratio", "enabled");
        String name = Fields.text(body, "name").orElseThrow(() -> ApiException.invalid("field 'name' is required"));
        double ratio = Fields.number(body, "enabled_ratio")
                .orElse(Fields.bool(body, "enabled").map(on -> on ? 1.0 : 0.0).orElse(1.0));
        Bank bank = services.banks().createBank(caller, BankSettings.named(name).withEnabledRatio(ratio));
        Json.write(ctx, 201, bankJson(bank));
    }

    private void bank(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        Json.write(ctx, 200, bankJson(services.banks().bank(caller, ctx.pathParam("name"))));
    }

    private void updateBank(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "name", "enabled_ratio", "enabled");
        BankSettings s = BankSettings.none();
        if (Fields.text(body, "name").isPresent()) {
            s = s.withName(Fields.text(body, "name").get());
        }
        Optional<Double> ratio = Fields.number(body, "enabled_ratio")
                .or(() -> Fields.bool(body, "enabled").map(on -> on ? 1.0 : 0.0));
        if (ratio.isPresent()) {
            s = s.withEnabledRatio(ratio.get());
        }
        Json.write(ctx, 200, bankJson(services.banks().updateBank(caller, ctx.pathParam("name"), s)));
    }

    private void deleteBank(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        services.banks().deleteBank(caller, ctx.pathParam("name"));
        Json.write(ctx, 200, Map.of("message", "Done"));
    }

    private void addSignal(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        JsonNode body = Json.tree(ctx);
        if (!body.isObject()) {
            throw ApiException.invalid("the body must be an object such as {\"pdq\": \"<64 hex>\"}");
        }
        Map<SignalType, String> signals = new EnumMap<>(SignalType.class);
        Optional<String> note = Optional.empty();
        Optional<Integer> quality = Optional.empty();
        boolean force = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            var e = it.next();
            switch (e.getKey()) {
                case "note" -> note = Optional.of(Fields.note(e.getValue()));
                case "quality" -> quality = Optional.of(e.getValue().asInt());
                case "force" -> force = e.getValue().asBoolean();
                default -> {
                    SignalType type = SignalType.find(e.getKey())
                            .orElseThrow(() -> ApiException.invalid("No such signal type " + e.getKey()));
                    signals.put(type, e.getValue().asText());
                }
            }
        }
        if (signals.isEmpty()) {
            throw ApiException.invalid("No signals given");
        }
        NewContent content = new NewContent(signals, quality, Optional.empty(), Optional.empty(), Map.of(),
                note.map(HmaRoutes::noteMetadata), force);
        BankContent added = services.banks().addContent(caller, ctx.pathParam("name"), content);
        Json.write(ctx, 200, Map.of("id", added.id(), "signals", signalsJson(added)));
    }

    private void addContent(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        if (Requests.optional(ctx, "url").isPresent()) {
            refuseUrl();
        }
        services.banks().bank(caller, ctx.pathParam("name"));
        MediaHashes hashes = Uploads.hashOne(ctx, services, maxUploadBytes);
        Map<SignalType, String> signals = signals(hashes, Requests.commaList(ctx, "types"));
        boolean force = Requests.flag(ctx, "force");
        if (hashes.pdq().isLowQuality() && !force) {
            signals.remove(SignalType.PDQ);
        }
        String metadata = Optional.ofNullable(ctx.formParam("metadata")).filter(m -> !m.isBlank()).orElse(null);
        String note = Optional.ofNullable(ctx.formParam("note")).filter(m -> !m.isBlank()).orElse(null);
        NewContent content = new NewContent(signals, Optional.of(hashes.pdq().quality()), Optional.empty(),
                Optional.empty(), Map.of(), Optional.ofNullable(Fields.hmaMetadata(metadata, note)), force);
        BankContent added = services.banks().addContent(caller, ctx.pathParam("name"), content);
        Json.write(ctx, 200, Map.of("id", added.id(), "signals", signalsJson(added)));
    }

    private void content(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        BankContent c = services.banks().content(caller, ctx.pathParam("name"), Requests.id(ctx, "id"));
        Bank bank = services.banks().bank(caller, ctx.pathParam("name"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("disable_until_ts", disableUntil(c));
        out.put("original_media_uri", null);
        out.put("bank", bankJson(bank));
        if ("true".equalsIgnoreCase(ctx.queryParam("include_signals")) && !c.signals().isEmpty()) {
            out.put("signals", signalsJson(c));
        }
        Fields.parseMetadata(c.metadata()).forEach((k, v) -> {
            if (k.equals("note")) {
                out.put("note", v);
            } else if (!"false".equalsIgnoreCase(ctx.queryParam("include_metadata"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) out.computeIfAbsent("metadata", key -> {
                    Map<String, Object> blank = new LinkedHashMap<>();
                    blank.put("content_id", null);
                    blank.put("content_uri", null);
                    blank.put("json", null);
                    blank.put("collab", null);
                    return blank;
                });
                m.put(k, v);
            }
        });
        Json.write(ctx, 200, out);
    }

    private void updateContent(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        JsonNode body = Json.tree(ctx);
        Fields.only(body, "disable_until_ts", "note");
        ContentUpdate update = new ContentUpdate(Optional.empty(), Optional.empty(), Optional.empty());
        if (body.has("disable_until_ts")) {
            long ts = Fields.disableUntil(body.get("disable_until_ts"));
            update = ts == 0 ? new ContentUpdate(Optional.of(false), Optional.of(Optional.empty()), Optional.empty())
                    : ts == 1 ? new ContentUpdate(Optional.of(true), Optional.of(Optional.empty()), Optional.empty())
                    : new ContentUpdate(Optional.of(true), Optional.of(Optional.of(Instant.ofEpochSecond(ts))),
                            Optional.empty());
        }
        BankContent c = services.banks().updateContent(caller, ctx.pathParam("name"), Requests.id(ctx, "id"), update);
        Bank bank = services.banks().bank(caller, ctx.pathParam("name"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("disable_until_ts", disableUntil(c));
        out.put("collab_metadata", Map.of());
        out.put("original_media_uri", null);
        out.put("bank", bankJson(bank));
        out.put("user_metadata", null);
        out.put("note", Fields.parseMetadata(c.metadata()).get("note"));
        Json.write(ctx, 200, out);
    }

    private void deleteContent(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        services.banks().deleteContent(caller, ctx.pathParam("name"), Requests.id(ctx, "id"));
        Json.write(ctx, 200, Map.of("deleted", 1));
    }

    private void signalTypes(Context ctx) {
        Requests.caller(ctx, Permission.BANK_READ);
        Set<SignalType> on = services.matcher().enabledSignalTypes();
        List<Object> out = new ArrayList<>();
        for (SignalType t : SignalType.values()) {
            out.add(Map.of("name", t.label(), "enabled_ratio", on.contains(t) ? 1.0 : 0.0));
        }
        Json.write(ctx, 200, out);
    }

    private static void checkQuality(Context ctx, SignalType type) {
        if (type == SignalType.PDQ) {
            SignalType.requireTrustedQuality(Requests.intParam(ctx, "quality", 100, 0, 100), Requests.flag(ctx, "force"));
        }
    }

    private static LookupOptions options(Context ctx, boolean bypass) {
        return new LookupOptions(Requests.commaList(ctx, "banks"), Requests.optional(ctx, "seed"), bypass, false);
    }

    static Map<String, List<Map<String, Object>>> byBank(List<Hit> hits) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (Hit h : hits) {
            out.computeIfAbsent(h.bank(), k -> new ArrayList<>()).add(matchItem(h));
        }
        return out;
    }

    private static Map<String, Object> matchItem(Hit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bank_content_id", h.contentId());
        m.put("distance", h.signalType().perceptual() ? Integer.toString(h.distance()) : "-");
        return m;
    }

    static Map<SignalType, String> signals(MediaHashes hashes, Set<String> types) {
        Map<SignalType, String> all = new EnumMap<>(SignalType.class);
        all.put(SignalType.PDQ, hashes.pdq().hash().toHex());
        all.put(SignalType.MD5, hashes.digests().md5());
        all.put(SignalType.SHA1, hashes.digests().sha1());
        all.put(SignalType.SHA256, hashes.digests().sha256());
        if (types.isEmpty()) {
            return all;
        }
        Map<SignalType, String> chosen = new EnumMap<>(SignalType.class);
        for (String t : types) {
            SignalType type = SignalType.find(t)
                    .orElseThrow(() -> ApiException.invalid("signal type '" + t + "' doesn't exist or is disabled"));
            chosen.put(type, all.get(type));
        }
        return chosen;
    }

    private static long disableUntil(BankContent c) {
        if (!c.enabled()) {
            return 0;
        }
        return c.disabledUntil().filter(t -> t.isAfter(Instant.now())).map(Instant::getEpochSecond).orElse(1L);
    }

    private static Map<String, String> signalsJson(BankContent c) {
        Map<String, String> out = new LinkedHashMap<>();
        c.signals().forEach((t, v) -> out.put(t.label(), v));
        return out;
    }

    private static String noteMetadata(String note) {
        return Fields.hmaMetadata(null, note);
    }

    static Map<String, Object> bankJson(Bank b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("matching_enabled_ratio", b.enabledRatio());
        return m;
    }
}
