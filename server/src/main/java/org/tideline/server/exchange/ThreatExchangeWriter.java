package org.tideline.server.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.tideline.server.bank.BankContent;
import org.tideline.server.bank.SignalType;

/**
 * A bank as JSON Lines of ThreatExchange-shaped descriptors, one per signal: {@code type} (HASH_PDQ, HASH_MD5, ...)
 * and {@code raw_indicator}, the shape te-tag-query prints and {@link ThreatExchangeRecords} reads. An entry that
 * came from ThreatExchange keeps its descriptor {@code id}; no other id is written, since ThreatExchange ids are
 * ThreatExchange's to assign. Nothing else is invented (no status, owner or privacy settings).
 */
final class ThreatExchangeWriter implements ListWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = HashListFormat.THREATEXCHANGE.label();

    private final Writer out;

    ThreatExchangeWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void begin() {}

    @Override
    public void write(BankContent entry) throws IOException {
        boolean fromThreatExchange = entry.provenance().sourceExchange().filter(SOURCE::equals).isPresent();
        for (Map.Entry<SignalType, String> signal : new java.util.TreeMap<>(entry.signals()).entrySet()) {
            ObjectNode node = JSON.createObjectNode();
            if (fromThreatExchange && entry.signals().size() == 1) {
                entry.provenance().sourceRecordId().ifPresent(id -> node.put("id", id));
            }
            node.put("type", ThreatExchangeRecords.NAMES.get(signal.getKey()));
            node.put("raw_indicator", signal.getValue());
            out.write(JSON.writeValueAsString(node));
            out.write('\n');
        }
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}
