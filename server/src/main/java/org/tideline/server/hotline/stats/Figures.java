package org.tideline.server.hotline.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The hotline's figures for a period, as transparency reports and national response plans ask for them (INHOPE's
 * measures among them), overall and broken down. Every value is already suppressed where its cell is small: a
 * count under the threshold reads {@code "<N"}, and a share or median computed from such a cell reads the same.
 *
 * @param overall the whole period
 * @param breakdowns by {@code hosting_country}, {@code host} and {@code site_type}: value to row
 */
public record Figures(Instant from, Instant to, int smallCell, Row overall, Map<String, List<Row>> breakdowns) {

    /**
     * One row of figures. Values are strings because a suppressed one is {@code "<N"}; shares are 0-1 with three
     * decimals, times are in hours with one decimal.
     */
    public record Row(String dimension, String value, Map<String, String> figures) {}

    /** The figures of every row, in this order (also the CSV columns). */
    public static final List<String> COLUMNS = List.of(
            "reports_received", "reports_confirmed", "share_confirmed", "urls_confirmed",
            "referred", "median_hours_to_referral", "share_referred_within_3_days",
            "removed", "median_hours_to_removal", "median_hours_notice_to_removal",
            "share_removed_within_3_days", "share_removed_within_7_days",
            "notices_sent", "share_needing_repeat_notices", "reuploads", "reupload_rate");
}
