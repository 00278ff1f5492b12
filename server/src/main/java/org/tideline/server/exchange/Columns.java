package org.tideline.server.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tideline.server.ApiException;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;

/**
 * What the columns of a CSV/TSV list mean, from its header row, and turning a row into a record.
 *
 * <p>Wide lists have a column per signal type ({@code pdq}, {@code md5}, {@code sha1}, {@code sha256}); long lists
 * have {@code signal_type} and {@code signal_value} (or {@code hash}); both may carry {@code pdq_quality},
 * {@code source_record_id}, {@code source_exchange}, {@code note} and {@code attributes}. Names are matched without
 * regard to case; the aliases are listed in {@link #kind}. Columns with other names are ignored, and said so in a
 * warning. A list with no header row holds one hash per line, of the type the caller names.
 */
final class Columns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    enum Kind { SIGNAL, SIGNAL_TYPE, SIGNAL_VALUE, QUALITY, RECORD_ID, SOURCE_EXCHANGE, NOTE, ATTRIBUTES, IGNORED }

    private record Column(Kind kind, Optional<SignalType> type) {}

    private final List<Column> columns;
    private final Optional<SignalType> valueType;
    private final List<String> warnings;

    private Columns(List<Column> columns, Optional<SignalType> valueType, List<String> warnings) {
        this.columns = columns;
        this.valueType = valueType;
        this.warnings = warnings;
    }

    /** A header-less list: one hash per line, of {@code type}. */
    static Columns headerless(SignalType type) {
        return new Columns(List.of(new Column(Kind.SIGNAL_VALUE, Optional.empty())), Optional.of(type), List.of());
    }

    /**
     * The columns a header row names, or empty when the row is not a header (it names no signal, signal type or
     * hash column). A header with a hash column but no signal_type column needs {@code type}.
     */
    static Optional<Columns> fromHeader(long line, List<String> cells, Optional<SignalType> type) {
        List<Column> columns = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean signals = false;
        for (String cell : cells) {
            String name = cell.strip().toLowerCase(Locale.ROOT);
            Kind kind = kind(name);
            Optional<SignalType> signal = kind == Kind.SIGNAL ? SignalType.find(name) : Optional.empty();
            signals |= kind == Kind.SIGNAL || kind == Kind.SIGNAL_TYPE || kind == Kind.SIGNAL_VALUE;
            if (kind == Kind.IGNORED) {
                warnings.add("column '" + Reasons.printable(cell) + "' is not one Tideline reads; ignored");
            } else if (!seen.add(kind == Kind.SIGNAL ? signal.orElseThrow().label() : kind.name())) {
                throw ApiException.invalid("line " + line + ": column '" + Reasons.printable(cell)
                        + "' appears twice in the header");
            }
            columns.add(new Column(kind, signal));
        }
        if (!signals) {
            return Optional.empty();
        }
        boolean hasValue = columns.stream().anyMatch(c -> c.kind() == Kind.SIGNAL_VALUE);
        boolean hasType = columns.stream().anyMatch(c -> c.kind() == Kind.SIGNAL_TYPE);
        if (hasValue && !hasType && type.isEmpty()) {
            throw ApiException.invalid("line " + line + ": the header has a hash column but no signal_type column;"
                    + " give the signal type (" + SignalType.labels() + ")");
        }
        if (hasType && !hasValue) {
            throw ApiException.invalid("line " + line + ": the header has a signal_type column but no signal_value"
                    + " (or hash) column");
        }
        return Optional.of(new Columns(List.copyOf(columns), hasType ? Optional.empty() : type, List.copyOf(warnings)));
    }

    private static Kind kind(String name) {
        if (SignalType.find(name).isPresent()) {
            return Kind.SIGNAL;
        }
        return switch (name) {
            case "signal_type", "type" -> Kind.SIGNAL_TYPE;
            case "signal_value", "signal", "hash", "value" -> Kind.SIGNAL_VALUE;
            case "pdq_quality", "quality" -> Kind.QUALITY;
            case "source_record_id", "record_id", "id" -> Kind.RECORD_ID;
            case "source_exchange" -> Kind.SOURCE_EXCHANGE;
            case "note", "metadata" -> Kind.NOTE;
            case "attributes" -> Kind.ATTRIBUTES;
            default -> Kind.IGNORED;
        };
    }

    List<String> warnings() {
        return warnings;
    }

    /** The record a row of cells makes. */
    ListRecord toRecord(long line, List<String> cells, ImportOptions options) {
        if (cells.size() > columns.size()) {
            return new ListRecord.Bad(line, cells.size() + " fields, but the header names " + columns.size()
                    + (columns.size() == 1 && valueType.isPresent() && columns.getFirst().kind() == Kind.SIGNAL_VALUE
                    ? " (a list without a header holds one hash per line)" : ""));
        }
        Map<SignalType, String> signals = new EnumMap<>(SignalType.class);
        Optional<String> typeCell = Optional.empty();
        Optional<String> valueCell = Optional.empty();
        Optional<Integer> quality = Optional.empty();
        Optional<String> recordId = Optional.empty();
        Optional<String> exchange = Optional.empty();
        Optional<String> note = Optional.empty();
        Map<String, Object> attributes = Map.of();
        for (int i = 0; i < cells.size(); i++) {
            Column column = columns.get(i);
            Optional<String> cell = Optional.of(cells.get(i).strip()).filter(s -> !s.isEmpty());
            if (cell.isEmpty()) {
                continue;
            }
            switch (column.kind()) {
                case SIGNAL -> signals.put(column.type().orElseThrow(), cell.get());
                case SIGNAL_TYPE -> typeCell = cell;
                case SIGNAL_VALUE -> valueCell = cell;
                case QUALITY -> {
                    quality = quality(cell.get());
                    if (quality.isEmpty()) {
                        return new ListRecord.Bad(line, "pdq_quality must be a whole number from 0 to 100");
                    }
                }
                case RECORD_ID -> recordId = cell;
                case SOURCE_EXCHANGE -> exchange = cell;
                case NOTE -> note = cell;
                case ATTRIBUTES -> {
                    try {
                        attributes = JSON.readValue(cell.get(), OBJECT);
                    } catch (JsonProcessingException e) {
                        return new ListRecord.Bad(line, "attributes must be a JSON object");
                    }
                }
                case IGNORED -> { }
            }
        }
        if (valueCell.isPresent()) {
            Optional<SignalType> type = typeCell.isPresent() ? SignalType.find(typeCell.get()) : valueType;
            if (type.isEmpty()) {
                return new ListRecord.Bad(line, typeCell.map(t -> "unknown signal type '" + Reasons.printable(t)
                        + "'; expected one of " + SignalType.labels()).orElse("no signal type in this row"));
            }
            if (signals.putIfAbsent(type.get(), valueCell.get()) != null) {
                return new ListRecord.Bad(line, type.get().label() + " is given twice in this row");
            }
        } else if (typeCell.isPresent()) {
            return new ListRecord.Bad(line, "a signal type but no signal value in this row");
        }
        if (signals.isEmpty()) {
            return new ListRecord.Bad(line, "no signal in this row");
        }
        return new ListRecord.Entry(line, new NewContent(signals, quality,
                Optional.of(exchange.orElse(options.sourceExchange())), recordId, attributes, note, options.force()));
    }

    private static Optional<Integer> quality(String cell) {
        try {
            int q = Integer.parseInt(cell);
            return q >= 0 && q <= 100 ? Optional.of(q) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
