package org.tideline.server.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;

/**
 * StopNCII hash records as list records. StopNCII publishes no open API reference; the fields are those of the
 * FetchHashes response as Meta's open-source client (python-threatexchange, {@code clients/stopncii/api.py})
 * reads them: {@code signalType}, {@code hashValue}, {@code hashStatus}, {@code caseNumbers},
 * {@code lastModtimestamp}, {@code CSPFeedbacks}.
 *
 * <p>{@code ImagePDQ} becomes a PDQ signal and {@code VideoMD5} an MD5 one; other types are skipped. A hash whose
 * {@code hashStatus} is {@code Withdrawn} or {@code Deleted} is skipped: the person who submitted it withdrew it,
 * and the client is told to delete it. The record id is {@code signalType:hashValue}, the key StopNCII's records
 * are identified by. Case numbers are not stored (only how many there are): they point at a person's case.
 */
final class StopNciiRecords {

    static final Map<String, SignalType> TYPES = Map.of("ImagePDQ", SignalType.PDQ, "VideoMD5", SignalType.MD5);
    private static final Set<String> WITHDRAWN = Set.of("Withdrawn", "Deleted");

    private StopNciiRecords() {}

    static ListRecord toRecord(long line, JsonNode node, ImportOptions options) {
        String type = node.path("signalType").asText("");
        String value = node.path("hashValue").asText("").strip();
        if (type.isBlank()) {
            return new ListRecord.Bad(line, "no 'signalType'");
        }
        SignalType signal = TYPES.get(type);
        if (signal == null) {
            return new ListRecord.Skipped(line, "signal type " + Reasons.printable(type) + " is not one Tideline stores");
        }
        if (value.isEmpty()) {
            return new ListRecord.Bad(line, "no 'hashValue'");
        }
        String status = node.path("hashStatus").asText("");
        if (WITHDRAWN.contains(status)) {
            return new ListRecord.Skipped(line, "hash " + status.toLowerCase(java.util.Locale.ROOT)
                    + " by the person who submitted it; not added");
        }
        int cases = node.path("caseNumbers").size();
        String metadata = "stopncii status=" + Reasons.printable(status.isEmpty() ? "unknown" : status)
                + " cases=" + cases;
        return new ListRecord.Entry(line, new NewContent(Map.of(signal, value), Optional.empty(),
                Optional.of(options.sourceExchange()), Optional.of(type + ":" + value.toLowerCase(java.util.Locale.ROOT)),
                Map.of(), Optional.of(metadata), options.force()));
    }
}
