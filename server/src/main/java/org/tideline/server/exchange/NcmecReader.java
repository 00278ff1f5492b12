package org.tideline.server.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tideline.server.ApiException;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;

/**
 * NCMEC hash sharing (API v2) entries, from the XML an entries query answers: a {@code queryResult} holding
 * {@code images} and {@code videos}, each holding {@code image}/{@code video} entries and {@code deletedImage}/
 * {@code deletedVideo} tombstones. An entry has a {@code member id}, a {@code timestamp}, an {@code id}, an optional
 * {@code classification} and {@code fingerprints}, whose children are named by fingerprint type ({@code md5},
 * {@code sha1}, {@code pdna}, {@code pdq}, ...; large ones such as {@code videntifier} come as a link, not a value).
 * Entries are found wherever an {@code images} or {@code videos} element holds them, so several query pages can be
 * wrapped in one root element and read as one file.
 *
 * <p>{@code md5}, {@code sha1} and {@code pdq} become signals; other fingerprint types are not Tideline's and an
 * entry with none of these three is skipped. Tombstones are reported as skipped, not applied. The entry id becomes
 * the source record id; classification, entry type and member id go in the metadata. Streamed with StAX, one
 * entry at a time; DTDs and external entities are refused.
 */
final class NcmecReader implements RecordReader {

    private static final Set<String> CONTAINERS = Set.of("images", "videos");
    private static final Set<String> ENTRIES = Set.of("image", "video");
    private static final Set<String> TOMBSTONES = Set.of("deletedImage", "deletedVideo");
    private static final Map<String, SignalType> FINGERPRINTS = Map.of(
            "md5", SignalType.MD5, "sha1", SignalType.SHA1, "pdq", SignalType.PDQ);

    private final InputStream in;
    private final XMLStreamReader xml;
    private final ImportOptions options;
    private final Deque<String> path = new ArrayDeque<>();

    NcmecReader(InputStream in, ImportOptions options) {
        this.in = in;
        this.options = options;
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            this.xml = factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw invalid(e);
        }
    }

    @Override
    public Optional<ListRecord> next() {
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    boolean inContainer = !path.isEmpty() && CONTAINERS.contains(path.peek());
                    if (inContainer && (ENTRIES.contains(name) || TOMBSTONES.contains(name))) {
                        return Optional.of(entry(name, xml.getLocation().getLineNumber()));
                    }
                    path.push(name);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    path.pop();
                }
            }
            return Optional.empty();
        } catch (XMLStreamException e) {
            throw invalid(e);
        }
    }

    /** Reads one entry element to its end. */
    private ListRecord entry(String element, long line) throws XMLStreamException {
        String memberId = "";
        Optional<String> id = Optional.empty();
        Optional<String> classification = Optional.empty();
        Map<String, String> fingerprints = new java.util.LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        int depth = 1;
        Deque<String> inner = new ArrayDeque<>();
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                String parent = inner.peek();
                inner.push(name);
                if (depth == 2 && name.equals("member")) {
                    memberId = Optional.ofNullable(xml.getAttributeValue(null, "id")).orElse("");
                } else if (depth == 2 && (name.equals("id") || name.equals("classification"))) {
                    String text = xml.getElementText().strip();
                    depth--;
                    inner.pop();
                    if (name.equals("id")) {
                        id = Optional.of(text).filter(s -> !s.isEmpty());
                    } else {
                        classification = Optional.of(text).filter(s -> !s.isEmpty());
                    }
                } else if (depth == 3 && "fingerprints".equals(parent)) {
                    boolean link = xml.getAttributeValue(null, "href") != null;
                    String text = xml.getElementText().strip();
                    depth--;
                    inner.pop();
                    if (FINGERPRINTS.containsKey(name) && !link && !text.isEmpty()) {
                        fingerprints.put(name, text);
                    } else {
                        other.add(name);
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (!inner.isEmpty()) {
                    inner.pop();
                }
            }
        }
        if (TOMBSTONES.contains(element)) {
            return new ListRecord.Skipped(line, "deleted entry in NCMEC's list (a tombstone); not applied");
        }
        if (id.isEmpty()) {
            return new ListRecord.Bad(line, "entry has no id");
        }
        Map<SignalType, String> signals = new EnumMap<>(SignalType.class);
        fingerprints.forEach((name, value) -> signals.put(FINGERPRINTS.get(name), value));
        if (signals.isEmpty()) {
            return new ListRecord.Skipped(line, "no fingerprint Tideline stores (md5, sha1, pdq)"
                    + (other.isEmpty() ? "" : "; has " + String.join(", ", other.stream().map(Reasons::printable).toList())));
        }
        String metadata = "ncmec " + element.toLowerCase(Locale.ROOT)
                + classification.map(c -> " classification=" + Reasons.printable(c)).orElse("")
                + (memberId.isEmpty() ? "" : " member=" + Reasons.printable(memberId));
        return new ListRecord.Entry(line, new NewContent(signals, Optional.empty(),
                Optional.of(options.sourceExchange()), id, Map.of(), Optional.of(metadata), options.force()));
    }

    private static ApiException invalid(XMLStreamException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber() + ", column "
                + e.getLocation().getColumnNumber();
        return ApiException.invalid("not valid XML" + where + "; the entries before it were imported");
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // the stream below is closed next either way
        }
        in.close();
    }
}
