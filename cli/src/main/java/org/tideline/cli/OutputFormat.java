package org.tideline.cli;

/** How commands print records on stdout. */
enum OutputFormat {
    /** Tab-separated values with a header line. */
    TSV,
    /** One JSON object per line (JSON Lines). */
    JSON
}
