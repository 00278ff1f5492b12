package org.tideline.server.hotline;

/**
 * What a reporter is told after filing: the reference to quote, and how the hotline works (to say what happens
 * next). Partners also learn how the report was triaged.
 */
public record Receipt(String reference, HotlineMode mode, int urls, int duplicates, String priority) {}
