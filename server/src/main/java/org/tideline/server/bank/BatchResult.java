package org.tideline.server.bank;

/**
 * What a batch write did: how many of its entries were new and how many were already in the bank (by signal or by
 * source record), and so changed nothing.
 */
public record BatchResult(int added, int existing) {}
