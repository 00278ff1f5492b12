package org.tideline.server.audit;

import java.time.Instant;

/**
 * One audited act. Never holds media, reported URLs or personal data: targets are ids and names of banks and
 * entries, details are hashes and counts.
 *
 * @param actor the caller's principal ({@code key:12}, {@code user:alice}) or {@code system}
 * @param action what was done, e.g. {@code bank.create}, {@code match.lookup}, {@code login}
 * @param target what it was done to, e.g. {@code bank:NCMEC_2026}
 * @param detail what else matters: the signal looked up and what matched, the settings changed
 */
public record AuditEvent(Instant at, long orgId, String actor, String action, String target, String detail) {}
