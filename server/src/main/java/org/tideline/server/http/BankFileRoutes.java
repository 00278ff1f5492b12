package org.tideline.server.http;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.tideline.server.ApiException;
import org.tideline.server.Services;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Permission;
import org.tideline.server.bank.SignalType;
import org.tideline.server.exchange.BankExporter;
import org.tideline.server.exchange.BankImporter;
import org.tideline.server.exchange.HashListFormat;
import org.tideline.server.exchange.ImportOptions;
import org.tideline.server.exchange.ImportSummary;

/**
 * Hash lists in and out of a bank over HTTP.
 *
 * <p>{@code POST /v1/banks/{name}/import?format=csv} takes the file as the request body, read as a stream straight
 * from the connection (never buffered whole, never written to a temporary file) up to {@link #MAX_IMPORT_BYTES},
 * and answers the import's summary. With a Content-Length the import is resumable: if the connection drops, the
 * batches committed so far stay, and posting the same file again carries on after them. Query parameters:
 * {@code type} (signal type of a header-less list), {@code source}, {@code force}, {@code restart}.
 *
 * <p>{@code GET /v1/banks/{name}/export?format=csv} streams the bank, a page at a time.
 */
final class BankFileRoutes {

    /** Largest import body: about 25 million PDQ lines. Larger lists go through {@code tideline bank import}. */
    static final long MAX_IMPORT_BYTES = 2L << 30;

    private final BankImporter importer;
    private final BankExporter exporter;

    BankFileRoutes(Services services) {
        this.importer = new BankImporter(services.db(), services.banks(), services.audit(), Clock.systemUTC());
        this.exporter = new BankExporter(services.banks(), services.audit());
    }

    void importList(Context ctx) {
        Caller caller = Requests.caller(ctx, Permission.BANK_WRITE);
        ImportOptions options = ImportOptions.of(HashListFormat.parse(Requests.required(ctx, "format")))
                .withForce(Requests.flag(ctx, "force"))
                .withRestart(Requests.flag(ctx, "restart"));
        options = Requests.optional(ctx, "type").map(SignalType::parse).map(options::withSignalType).orElse(options);
        options = Requests.optional(ctx, "source").map(options::withSource).orElse(options);
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_IMPORT_BYTES) {
            throw new ApiException(ApiException.Kind.TOO_LARGE, "an import body is at most " + MAX_IMPORT_BYTES
                    + " bytes; import larger lists with the tideline bank import command");
        }
        ImportSummary summary;
        try (InputStream body = new Capped(ctx.req().getInputStream())) {
            summary = importer.importStream(caller, ctx.pathParam("name"), body,
                    declared >= 0 ? OptionalLong.of(declared) : OptionalLong.empty(), options, p -> { });
        } catch (IOException e) {
            throw ApiException.invalid("the request body could not be read to its end; the batches committed"
                    + " before that are kept, and sending the same file again carries on after them");
        }
        Json.write(ctx, 200, json(summary));
    }

    void exportList(Context ctx) throws IOException {
        Caller caller = Requests.caller(ctx, Permission.BANK_READ);
        String bank = ctx.pathParam("name");
        HashListFormat format = HashListFormat.parse(Requests.optional(ctx, "format").orElse("csv"));
        exporter.check(caller, bank, format);
        ctx.status(200).contentType(format.mediaType() + "; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + bank + "." + extension(format) + "\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 1 << 16);
        exporter.export(caller, bank, format, out);
        out.flush();
    }

    static Map<String, Object> json(ImportSummary s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", s.jobId());
        out.put("bank", s.bank());
        out.put("format", s.format().label());
        out.put("already_imported", s.alreadyImported());
        out.put("resumed_after_line", s.resumedAfterLine());
        out.put("records", s.records());
        out.put("last_line", s.lastLine());
        out.put("added", s.added());
        out.put("existing", s.existing());
        out.put("bad", s.bad());
        out.put("skipped", s.skipped());
        out.put("bad_rows", s.badRows().stream().map(p -> Map.of("line", p.line(), "reason", p.reason())).toList());
        out.put("skipped_rows", s.skippedRows().stream().map(p -> Map.of("line", p.line(), "reason", p.reason())).toList());
        out.put("warnings", s.warnings());
        return out;
    }

    private static String extension(HashListFormat format) {
        return switch (format) {
            case CSV -> "csv";
            case TSV -> "tsv";
            case THREATEXCHANGE -> "jsonl";
            case NCMEC -> "xml";
            case STOPNCII -> "json";
        };
    }

    /** Refuses to read past {@link #MAX_IMPORT_BYTES}, whatever the request declared (or did not). */
    private static final class Capped extends FilterInputStream {
        private long read;

        Capped(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_IMPORT_BYTES) {
                throw new ApiException(ApiException.Kind.TOO_LARGE, "an import body is at most " + MAX_IMPORT_BYTES
                        + " bytes; the batches committed so far are kept");
            }
        }
    }
}
