package org.tideline.cli;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import org.tideline.core.media.MediaHashes;

/** Prints {@code tideline hash} results as TSV or JSON Lines. */
final class HashReport {

    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean dihedral;
    private int lowQuality;

    HashReport(PrintWriter out, OutputFormat format, boolean dihedral) {
        this.out = out;
        this.format = format;
        this.dihedral = dihedral;
    }

    int lowQualityCount() {
        return lowQuality;
    }

    void header() {
        if (format == OutputFormat.TSV) {
            out.println("path\tpdq\tquality\tmd5\tsha1\tsha256" + (dihedral ? "\tdihedral" : ""));
        }
    }

    void print(HashCommand.Outcome o) {
        String path = o.file().toString();
        if (o.error() != null) {
            String kind = o.error().kind().label();
            String message = o.error().getMessage();
            if (format == OutputFormat.TSV) {
                out.println(Tsv.field(path) + "\terror\t" + kind + ": " + Tsv.field(message));
            } else {
                out.println("{\"path\":" + Json.quote(path) + ",\"error\":" + Json.quote(kind)
                        + ",\"message\":" + Json.quote(message) + "}");
            }
            return;
        }
        MediaHashes h = o.hashes();
        if (h.pdq().isLowQuality()) lowQuality++;
        if (format == OutputFormat.TSV) {
            out.println(Tsv.field(path) + "\t" + h.pdq().hash().toHex() + "\t" + h.pdq().quality()
                    + "\t" + h.digests().md5() + "\t" + h.digests().sha1() + "\t" + h.digests().sha256()
                    + (dihedral ? "\t" + HashCommand.dihedralColumn(h) : ""));
        } else {
            StringBuilder sb = new StringBuilder(512);
            sb.append("{\"path\":").append(Json.quote(path))
                    .append(",\"pdq\":\"").append(h.pdq().hash().toHex()).append('"')
                    .append(",\"quality\":").append(h.pdq().quality())
                    .append(",\"low_quality\":").append(h.pdq().isLowQuality())
                    .append(",\"md5\":\"").append(h.digests().md5()).append('"')
                    .append(",\"sha1\":\"").append(h.digests().sha1()).append('"')
                    .append(",\"sha256\":\"").append(h.digests().sha256()).append('"')
                    .append(",\"width\":").append(h.width())
                    .append(",\"height\":").append(h.height());
            if (dihedral) {
                sb.append(",\"dihedral\":[").append(h.pdq().dihedral().stream()
                        .map(d -> "\"" + d.toHex() + "\"").collect(Collectors.joining(","))).append(']');
            }
            out.println(sb.append('}'));
        }
    }

}
