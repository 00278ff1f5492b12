package org.tideline.server.audit;

/** An event as stored: its place in the chain and the hashes that bind it there. */
public record AuditRecord(long seq, AuditEvent event, String prevHash, String hash) {}
