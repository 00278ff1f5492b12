package org.tideline.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.tideline.server.Services;
import org.tideline.server.access.Caller;
import org.tideline.server.bank.SignalType;
import org.tideline.server.match.Hit;
import org.tideline.server.match.LookupOptions;
import org.tideline.server.match.LookupResult;

/** Every lookup the HTTP API makes, so each one is audited (who, which signal, what matched) and counted. */
final class Lookups {

    private final Services services;
    private final Counter queries;
    private final Counter hits;

    Lookups(Services services, MeterRegistry metrics) {
        this.services = services;
        this.queries = Counter.builder("tideline_match_queries").description("signals looked up").register(metrics);
        this.hits = Counter.builder("tideline_match_hits").description("bank entries matched").register(metrics);
    }

    LookupResult lookup(Caller caller, SignalType type, String signal, LookupOptions options) {
        return lookupAll(caller, type, List.of(signal), options).getFirst();
    }

    List<LookupResult> lookupAll(Caller caller, SignalType type, List<String> signals, LookupOptions options) {
        List<LookupResult> results = services.matcher().lookupAll(caller, type, signals, options);
        queries.increment(results.size());
        for (LookupResult r : results) {
            hits.increment(r.hits().size());
            services.audit().appendLater(services.audit().event(caller, options.raw() ? "match.raw-lookup"
                    : "match.lookup", "signal:" + type.label(), r.signal() + " -> " + describe(r)));
        }
        return results;
    }

    private static String describe(LookupResult r) {
        if (!r.suppressedBy().isEmpty()) {
            return "suppressed by " + ids(r.suppressedBy());
        }
        return r.hits().isEmpty() ? "no match" : ids(r.hits());
    }

    private static String ids(List<Hit> hits) {
        return hits.stream().map(h -> h.bank() + "/" + h.contentId() + "@" + h.distance())
                .collect(Collectors.joining(",", "[", "]"));
    }
}
