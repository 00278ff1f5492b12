package org.tideline.server.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The map form of {@link Attributes}. Parsing is strict (exact enum names, every field present, no unknown field)
 * because its errors become HTTP 400s that must say precisely what to fix. Messages name the field and the allowed
 * values but never repeat the input: it can be anything a client sent, and these messages reach logs.
 */
final class AttributeFields {
    static final List<String> KEYS = List.of(
            Attributes.AGE_BAND, Attributes.PUBERTAL_STAGE, Attributes.ACTIVITIES, Attributes.DEPICTION,
            Attributes.SELF_GENERATED);

    /** Longest unknown key quoted back; a key is schema, not data, but a client could still send a very long one. */
    private static final int MAX_QUOTED_KEY = 40;

    private AttributeFields() {}

    static Attributes parse(Map<String, ?> fields) {
        Objects.requireNonNull(fields, "fields");
        for (Object key : fields.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown field " + quoted(key) + "; attributes have " + String.join(", ", KEYS));
            }
        }
        return new Attributes(
                enumValue(fields, Attributes.AGE_BAND, AgeBand.class),
                enumValue(fields, Attributes.PUBERTAL_STAGE, PubertalStage.class),
                activities(fields),
                enumValue(fields, Attributes.DEPICTION, Depiction.class),
                bool(fields, Attributes.SELF_GENERATED));
    }

    static Map<String, Object> toMap(Attributes attributes) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(Attributes.AGE_BAND, attributes.ageBand().name());
        map.put(Attributes.PUBERTAL_STAGE, attributes.pubertalStage().name());
        // The record holds an EnumSet, so this is declaration order: one canonical form for equal sets.
        map.put(Attributes.ACTIVITIES, attributes.activities().stream().map(Enum::name).toList());
        map.put(Attributes.DEPICTION, attributes.depiction().name());
        map.put(Attributes.SELF_GENERATED, attributes.selfGenerated());
        return Collections.unmodifiableMap(map);
    }

    static String names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    private static Object required(Map<String, ?> fields, String key) {
        Object value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + key + "'");
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(Map<String, ?> fields, String key, Class<E> type) {
        return element(required(fields, key), key, type);
    }

    private static <E extends Enum<E>> E element(Object value, String key, Class<E> type) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (value instanceof String text) {
            for (E candidate : type.getEnumConstants()) {
                if (candidate.name().equals(text)) {
                    return candidate;
                }
            }
        }
        throw new IllegalArgumentException("field '" + key + "' must be one of " + names(Arrays.asList(type.getEnumConstants())));
    }

    private static Set<Activity> activities(Map<String, ?> fields) {
        Object value = required(fields, Attributes.ACTIVITIES);
        Collection<?> items = switch (value) {
            case Collection<?> collection -> collection;
            case String text when text.isBlank() -> List.of();
            case String text -> splitOnCommas(text);
            default -> throw new IllegalArgumentException("field '" + Attributes.ACTIVITIES
                    + "' must be a list (or a comma-separated string) of " + names(EnumSet.allOf(Activity.class)));
        };
        Set<Activity> activities = EnumSet.noneOf(Activity.class);
        for (Object item : items) {
            if (item == null) {
                throw new IllegalArgumentException("field '" + Attributes.ACTIVITIES + "' must not contain null");
            }
            activities.add(element(item, Attributes.ACTIVITIES, Activity.class));
        }
        return activities;
    }

    private static List<String> splitOnCommas(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            items.add(item.strip());
        }
        return items;
    }

    private static boolean bool(Map<String, ?> fields, String key) {
        return switch (required(fields, key)) {
            case Boolean b -> b;
            case String s when s.equals("true") -> true;
            case String s when s.equals("false") -> false;
            default -> throw new IllegalArgumentException("field '" + key + "' must be true or false");
        };
    }

    private static String quoted(Object key) {
        String text = String.valueOf(key).replaceAll("\\p{Cntrl}", "?"); // no line breaks forged into a log
        return "'" + (text.length() <= MAX_QUOTED_KEY ? text : text.substring(0, MAX_QUOTED_KEY) + "...") + "'";
    }
}
