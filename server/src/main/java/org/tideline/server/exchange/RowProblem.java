package org.tideline.server.exchange;

/**
 * A row an import refused or passed over, by the line it starts on, with why. Reasons name the problem and never
 * quote the row's content.
 */
public record RowProblem(long line, String reason) {}
