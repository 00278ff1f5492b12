package org.tideline.server.hotline.trace;

/** A trace as stored: its row id, the URL it was made for, and why it was made (CONFIRMED, BOUNCE, RECHECK). */
public record StoredTrace(long id, long urlId, String reason, Trace trace) {}
