package org.tideline.server.bank;

import java.time.Instant;
import java.util.Optional;

/**
 * Where an entry came from: the organisation that contributed it and, for entries imported from an exchange
 * (NCMEC, StopNCII, ThreatExchange, a partner's Tideline), that exchange and its record id.
 */
public record Provenance(
        String contributor,
        Optional<String> sourceExchange,
        Optional<String> sourceRecordId,
        Instant createdAt,
        Instant updatedAt) {}
