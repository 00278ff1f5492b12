package org.tideline.server.exchange;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.tideline.server.ApiException;

/**
 * JSON records, one object at a time, from any of the shapes exchanges and their tools produce:
 * <ul>
 *   <li>JSON Lines, one object per line (te-tag-query's output): read line by line, so a broken line is one bad
 *       row and the lines after it still count;</li>
 *   <li>a page object whose records are in one array field ({@code data} for the Graph API, {@code hashRecords}
 *       for StopNCII's FetchHashes), its other fields ignored;</li>
 *   <li>a top-level array of records, or several of the above one after another.</li>
 * </ul>
 * The file is JSON Lines when its first non-blank line is one complete object on its own (at most
 * {@link #SNIFF_BYTES}); a one-line page is then unpacked in place. Otherwise it is read as a stream with Jackson's
 * parser, holding one record at a time; there a syntax error ends the import, naming the line.
 */
final class JsonRecords implements RecordReader {

    /** Turns one JSON record into a list record. */
    @FunctionalInterface
    interface Mapper {
        ListRecord map(long line, JsonNode record);
    }

    static final int SNIFF_BYTES = 1 << 20;
    /** For a stream: reads one value at the parser's position and leaves the rest. */
    private static final ObjectMapper JSON = new ObjectMapper();
    /** For a line or a sniffed head: the whole text must be one value. */
    private static final ObjectMapper WHOLE = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String arrayField;
    private final Mapper mapper;
    private final Deque<ListRecord> ready = new ArrayDeque<>();
    private final LineReader lines;
    private final JsonParser parser;
    private int arrayDepth;
    private boolean inPage;

    private JsonRecords(String arrayField, Mapper mapper, LineReader lines, JsonParser parser) {
        this.arrayField = arrayField;
        this.mapper = mapper;
        this.lines = lines;
        this.parser = parser;
    }

    static JsonRecords open(InputStream in, String arrayField, Mapper mapper) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        boolean jsonLines = firstLineIsAnObject(buffered);
        return jsonLines ? new JsonRecords(arrayField, mapper, new LineReader(buffered), null)
                : new JsonRecords(arrayField, mapper, null, JSON.createParser(buffered));
    }

    private static boolean firstLineIsAnObject(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES + 1);
        try {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            int start = 0;
            while (true) {
                int end = start;
                while (end < head.length && head[end] != '\n') {
                    end++;
                }
                if (end == head.length && head.length == SNIFF_BYTES) {
                    return false;
                }
                String line = new String(head, start, end - start, java.nio.charset.StandardCharsets.UTF_8).strip();
                if (!line.isEmpty()) {
                    try {
                        return WHOLE.readTree(line).isObject();
                    } catch (JsonProcessingException e) {
                        return false;
                    }
                }
                if (end >= head.length) {
                    return false;
                }
                start = end + 1;
            }
        } finally {
            in.reset();
        }
    }

    @Override
    public Optional<ListRecord> next() throws IOException {
        while (ready.isEmpty()) {
            if (!(lines != null ? readLine() : readStream())) {
                return Optional.empty();
            }
        }
        return Optional.of(ready.pollFirst());
    }

    private boolean readLine() throws IOException {
        Optional<LineReader.Line> read = lines.next();
        if (read.isEmpty()) {
            return false;
        }
        LineReader.Line line = read.get();
        if (line.text().isBlank()) {
            return true;
        }
        if (line.truncated()) {
            ready.add(new ListRecord.Bad(line.number(), "line longer than " + LineReader.MAX_LINE + " characters"));
            return true;
        }
        JsonNode node;
        try {
            node = WHOLE.readTree(line.text());
        } catch (JsonProcessingException e) {
            ready.add(new ListRecord.Bad(line.number(), "not valid JSON (column "
                    + e.getLocation().getColumnNr() + ")"));
            return true;
        }
        JsonNode page = node.get(arrayField);
        if (node.isObject() && page != null && page.isArray()) {
            page.forEach(r -> ready.add(record(line.number(), r)));
        } else if (node.isArray()) {
            node.forEach(r -> ready.add(record(line.number(), r)));
        } else {
            ready.add(record(line.number(), node));
        }
        return true;
    }

    /** Streams: inside an array, each element is a record; at the top, an object is a page or a record. */
    private boolean readStream() throws IOException {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            long line = parser.currentTokenLocation().getLineNr();
            if (arrayDepth > 0) {
                if (token == JsonToken.END_ARRAY) {
                    arrayDepth--;
                } else {
                    ready.add(record(line, JSON.readTree(parser)));
                }
            } else if (inPage) {
                readPageField(token);
            } else if (token == JsonToken.START_ARRAY) {
                arrayDepth++;
            } else if (token == JsonToken.START_OBJECT) {
                readTopObject(line);
            } else {
                ready.add(new ListRecord.Bad(line, "expected a JSON object, found " + token.asString()));
            }
            return true;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "; the rows before it were imported");
        }
    }

    /**
     * Reads a top-level object's fields until the record array, if it has one (a page: its records follow, its
     * other fields are dropped), or to its end (then the object is itself a record). Fields before the array are
     * held, and are small.
     */
    private void readTopObject(long line) throws IOException {
        ObjectNode fields = JSON.createObjectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY && name.equals(arrayField)) {
                arrayDepth++;
                inPage = true;
                return;
            }
            fields.set(name, JSON.readTree(parser));
        }
        if (token != JsonToken.END_OBJECT) {
            throw ApiException.invalid("not valid JSON at line " + line);
        }
        ready.add(record(line, fields));
    }

    /** After a page's record array: skips the page's remaining fields. */
    private void readPageField(JsonToken token) throws IOException {
        if (token == JsonToken.END_OBJECT) {
            inPage = false;
            return;
        }
        parser.nextToken();
        parser.skipChildren();
    }

    private ListRecord record(long line, JsonNode node) {
        if (!node.isObject()) {
            return new ListRecord.Bad(line, "expected a JSON object");
        }
        return mapper.map(line, node);
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
        if (parser != null) {
            parser.close();
        }
    }
}
