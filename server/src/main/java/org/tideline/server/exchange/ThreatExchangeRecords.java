package org.tideline.server.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;

/**
 * ThreatExchange records as its Graph API documents them, as list records. Two shapes are read:
 * <ul>
 *   <li>a ThreatDescriptor ({@code /threat_descriptors}, {@code tagged_objects}, te-tag-query's output):
 *       {@code id}, {@code type}, {@code raw_indicator} (or {@code indicator} as an object with
 *       {@code indicator} and {@code type}), {@code status}, {@code tags};</li>
 *   <li>a {@code /threat_updates} record: a ThreatIndicator ({@code id}, {@code indicator}, {@code type}) with
 *       {@code should_delete}.</li>
 * </ul>
 * The {@code id} becomes the source record id. Hash types map to Tideline's signal types ({@link #TYPES}); other
 * indicator types (TMK, URLs, text) are skipped, as are deletions ({@code should_delete}) and descriptors whose
 * {@code status} is {@code NON_MALICIOUS}. Deletions are reported, not applied to the bank.
 */
final class ThreatExchangeRecords {

    /** ThreatExchange IndicatorType names of the hashes Tideline stores. HASH_MD5 may be a photo or a video. */
    static final Map<String, SignalType> TYPES = Map.of(
            "HASH_PDQ", SignalType.PDQ,
            "HASH_MD5", SignalType.MD5,
            "HASH_VIDEO_MD5", SignalType.MD5,
            "HASH_SHA1", SignalType.SHA1,
            "HASH_SHA256", SignalType.SHA256,
            "HASH_VIDEO_SHA256", SignalType.SHA256);

    /** The name written on export for each signal type. */
    static final Map<SignalType, String> NAMES = Map.of(
            SignalType.PDQ, "HASH_PDQ",
            SignalType.MD5, "HASH_MD5",
            SignalType.SHA1, "HASH_SHA1",
            SignalType.SHA256, "HASH_SHA256");

    private ThreatExchangeRecords() {}

    static ListRecord toRecord(long line, JsonNode node, ImportOptions options) {
        if (node.path("should_delete").asBoolean(false)) {
            return new ListRecord.Skipped(line, "deleted in ThreatExchange (should_delete); not applied");
        }
        JsonNode indicator = node.get("indicator");
        Optional<String> value = text(node, "raw_indicator")
                .or(() -> indicator != null && indicator.isTextual() ? Optional.of(indicator.asText()) : Optional.empty())
                .or(() -> indicator != null && indicator.isObject() ? text(indicator, "indicator") : Optional.empty());
        Optional<String> type = text(node, "type")
                .or(() -> indicator != null && indicator.isObject() ? text(indicator, "type") : Optional.empty());
        if (type.isEmpty()) {
            return new ListRecord.Bad(line, "no 'type'");
        }
        SignalType signal = TYPES.get(type.get());
        if (signal == null) {
            return new ListRecord.Skipped(line, "type " + Reasons.printable(type.get()) + " is not a hash Tideline stores");
        }
        if (value.isEmpty()) {
            return new ListRecord.Bad(line, "no 'raw_indicator' or 'indicator'");
        }
        if (text(node, "status").filter("NON_MALICIOUS"::equals).isPresent()) {
            return new ListRecord.Skipped(line, "status NON_MALICIOUS");
        }
        return new ListRecord.Entry(line, new NewContent(Map.of(signal, value.get()), Optional.empty(),
                Optional.of(options.sourceExchange()), text(node, "id"), Map.of(), tags(node), options.force()));
    }

    /** Descriptor tags, as a list of names or as the Graph API's {@code {"data": [{"text": ...}]}}. */
    private static Optional<String> tags(JsonNode node) {
        JsonNode tags = node.get("tags");
        if (tags == null) {
            return Optional.empty();
        }
        JsonNode list = tags.isObject() ? tags.path("data") : tags;
        List<String> names = new ArrayList<>();
        list.forEach(t -> {
            String name = t.isObject() ? t.path("text").asText("") : t.asText("");
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        });
        return names.isEmpty() ? Optional.empty() : Optional.of("threatexchange tags: " + String.join(", ", names));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        return Optional.of(v.asText()).filter(s -> !s.isBlank());
    }
}
