package org.tideline.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tideline.server.ApiException;

/** Typed, strict access to fields of a JSON object body. */
final class Fields {

    private Fields() {}

    /** Refuses any field not listed. */
    static void only(JsonNode body, String... allowed) {
        if (!body.isObject()) {
            throw ApiException.invalid("the body must be a JSON object");
        }
        Set<String> known = Set.of(allowed);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw ApiException.invalid("unknown field '" + f + "'; known fields: " + String.join(", ", allowed));
            }
        }
    }

    static Optional<String> text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.invalid("field '" + field + "' must be a string");
        }
        return Optional.of(v.asText());
    }

    static Optional<Double> number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw ApiException.invalid("field '" + field + "' must be a number");
        }
        return Optional.of(v.asDouble());
    }

    static Optional<Integer> integer(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw ApiException.invalid("field '" + field + "' must be a whole number");
        }
        return Optional.of(v.asInt());
    }

    static Optional<Boolean> bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw ApiException.invalid("field '" + field + "' must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    static String note(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw ApiException.invalid("note should be a string");
        }
        if (v.asText().length() > 255) {
            throw ApiException.invalid("note must be at most 255 characters");
        }
        return v.asText();
    }

    /** HMA's {@code disable_until_ts}: 0 disabled, 1 enabled, else a Unix time, at most five years ahead. */
    static long disableUntil(JsonNode v) {
        long ts;
        if (v.isIntegralNumber()) {
            ts = v.asLong();
        } else if (v.isTextual()) {
            try {
                ts = Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("Invalid int: '" + v.asText() + "'");
            }
        } else {
            throw ApiException.invalid("disable_until_ts must be a non-negative integer");
        }
        if (ts < 0) {
            throw ApiException.invalid("disable_until_ts must be a non-negative integer");
        }
        if (ts > Instant.now().plus(Duration.ofDays(5 * 365)).getEpochSecond()) {
            throw ApiException.invalid("disable_until_ts must be less than 5 years in the future");
        }
        return ts;
    }

    /**
     * HMA's content metadata ({@code content_id}, {@code content_uri}, {@code json}) and note, as the JSON text the
     * entry keeps; null when there is neither.
     */
    static String hmaMetadata(String metadataJson, String note) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (metadataJson != null) {
            JsonNode m;
            try {
                m = Json.MAPPER.readTree(metadataJson);
            } catch (JsonProcessingException e) {
                throw ApiException.invalid("metadata form field must be valid JSON");
            }
            if (m == null || !m.isObject()) {
                throw ApiException.invalid("metadata should be a json object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                var e = it.next();
                switch (e.getKey()) {
                    case "content_id", "content_uri" -> out.put(e.getKey(), e.getValue().asText());
                    case "json" -> out.put("json", Json.MAPPER.convertValue(e.getValue(), Object.class));
                    case "collab" -> { }
                    default -> throw ApiException.invalid("Invalid metadata: unknown key '" + e.getKey() + "'");
                }
            }
        }
        if (note != null && !note.isEmpty()) {
            if (note.length() > 255) {
                throw ApiException.invalid("note must be at most 255 characters");
            }
            out.put("note", note);
        }
        if (out.isEmpty()) {
            return null;
        }
        try {
            String text = Json.MAPPER.writeValueAsString(out);
            if (text.length() > 4000) {
                throw ApiException.invalid("metadata over 4000 characters");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("metadata is not serialisable");
        }
    }

    static Map<String, Object> parseMetadata(Optional<String> text) {
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(text.get(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            return Map.of("note", text.get());
        }
    }
}
