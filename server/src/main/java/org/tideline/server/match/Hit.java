package org.tideline.server.match;

import org.tideline.server.bank.SignalType;

/**
 * One bank entry a query matched.
 *
 * @param distance Hamming distance for PDQ; 0 for the exact digests
 */
public record Hit(String bank, long contentId, SignalType signalType, String signal, int distance) {}
