package org.tideline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tideline.core.image.DecodeOptions;
import org.tideline.core.image.ImageRejectedException;
import org.tideline.core.index.Digest;
import org.tideline.core.index.HashIndex;
import org.tideline.core.index.HashLists;
import org.tideline.core.index.HashType;
import org.tideline.core.index.Match;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.media.MediaHashes;
import org.tideline.core.pdq.PdqMode;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tideline match}: every stored hash within the threshold of each query, from an index directory or a hash
 * list, for image files or for hashes read from stdin.
 */
@Command(name = "match", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Match images (their PDQ hash, or with --type md5|sha1|sha256 that digest of their bytes) or, with",
                "no PATH, the hashes read from stdin (one a line; anything after a tab is ignored) against an index",
                "or a hash list. Prints 'query<TAB>match<TAB>id<TAB>distance', one line per match, in query order,",
                "then by distance, then id. The exit code does not depend on whether anything matched."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all queries searched (matches or not)", "1:an input could not be read or hashed",
                "2:bad command line"})
final class MatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(names = "--index", paramLabel = "DIR", required = true,
                description = "An index built with 'tideline index build'.")
        Path index;

        @Option(names = "--hashes", paramLabel = "FILE", required = true,
                description = "A hash list (same format as for 'index build'), indexed in memory.")
        Path hashes;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Largest Hamming distance that matches. Default: 31 for PDQ, 0 for digests.")
    Integer threshold;

    @Option(names = "--type", paramLabel = "pdq|md5|sha1|sha256", defaultValue = "pdq",
            converter = HashTypeConverter.class,
            description = "Kind of hash to match. Default: ${DEFAULT-VALUE}.")
    HashType<?> type;

    @Option(names = "--format", paramLabel = "tsv|json", defaultValue = "tsv",
            description = "tsv (header line, tab-separated) or json (one object per line). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--mode", paramLabel = "full|512", defaultValue = "full", converter = PdqModeConverter.class,
            description = "PDQ convention for images. Default: ${DEFAULT-VALUE}.")
    PdqMode mode;

    @Option(names = "--threads", paramLabel = "N", description = "Threads hashing images. Default: all cores.")
    Integer threads;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Image files or directories; none: read stdin.")
    List<Path> paths = List.of();

    /** One query: what to print as its name, and its hash (null when it could not be computed). */
    private record Query<H>(String label, H hash) {
    }

    @Override
    public Integer call() {
        return run(type);
    }

    private <H> int run(HashType<H> hashType) {
        int t = threshold == null ? hashType.defaultThreshold() : threshold;
        if (t < 0 || t > hashType.bits()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threshold must be 0.." + hashType.bits() + ", got " + t);
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Query<H>> queries;
        int[] failures = {0};
        try {
            queries = paths.isEmpty() ? readStdin(hashType) : hashImages(hashType, failures);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("tideline match: " + e.getMessage());
            err.flush();
            return 1;
        }
        List<List<Match<H>>> results;
        try (HashIndex<H> index = open(hashType, queries.size())) {
            List<H> hashes = new ArrayList<>();
            for (Query<H> q : queries) if (q.hash() != null) hashes.add(q.hash());
            results = index.searchAll(hashes, t);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("tideline match: " + e.getMessage());
            err.flush();
            return 1;
        }
        print(hashType, queries, results);
        err.flush();
        return failures[0] == 0 ? 0 : 1;
    }

    /**
     * The index to search: the directory's, or the list's built in memory, with multi-index tables only when
     * there are enough queries to repay building them (about 0.7 us per listed hash, against a batch flat scan's
     * 0.5 ns per hash and query: the break-even is near a thousand queries).
     */
    private <H> HashIndex<H> open(HashType<H> hashType, int queryCount) throws IOException {
        if (source.index != null) {
            return HashIndex.builder(hashType).directory(source.index).readOnly(true).open();
        }
        return HashIndex.builder(hashType).backgroundMaintenance(false).multiIndex(queryCount >= TABLES_FROM_QUERIES)
                .build(HashLists.entries(hashType, List.of(source.hashes)));
    }

    static final int TABLES_FROM_QUERIES = 1000;

    private <H> List<Query<H>> readStdin(HashType<H> hashType) {
        List<Query<H>> out = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) continue;
                int tab = text.indexOf('\t');
                String hashText = tab < 0 ? text : text.substring(0, tab).strip();
                try {
                    H hash = hashType.parse(hashText);
                    out.add(new Query<>(hashType.format(hash), hash));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("stdin line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin: " + e.getMessage(), e);
        }
        return out;
    }

    /** Hashes the images in parallel; a file that fails is reported on stderr and counted. */
    private <H> List<Query<H>> hashImages(HashType<H> hashType, int[] failures) {
        List<Path> files = InputFiles.expand(paths);
        MediaHasher hasher = new MediaHasher(DecodeOptions.defaults(), mode, false);
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        List<Query<H>> out = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "tideline-match");
            thread.setDaemon(true);
            return thread;
        })) {
            List<Future<MediaHashes>> pending = new ArrayList<>();
            for (Path file : files) pending.add(pool.submit(() -> hasher.hash(file)));
            for (int i = 0; i < files.size(); i++) {
                String label = files.get(i).toString();
                try {
                    out.add(new Query<>(label, signal(hashType, pending.get(i).get())));
                } catch (ExecutionException e) {
                    failures[0]++;
                    Throwable cause = e.getCause();
                    String why = cause instanceof ImageRejectedException r ? r.kind().label() + ": " + r.getMessage()
                            : "unexpected failure: " + cause;
                    err.println("tideline match: " + label + ": " + why);
                    out.add(new Query<>(label, null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <H> H signal(HashType<H> hashType, MediaHashes hashes) {
        Object value = switch (hashType.name()) {
            case "pdq" -> hashes.pdq().hash();
            case "md5" -> Digest.md5(hashes.digests().md5());
            case "sha1" -> Digest.sha1(hashes.digests().sha1());
            default -> Digest.sha256(hashes.digests().sha256());
        };
        return (H) value;
    }

    private <H> void print(HashType<H> hashType, List<Query<H>> queries, List<List<Match<H>>> results) {
        PrintWriter out = spec.commandLine().getOut();
        // Lines are gathered into blocks: print() does not flush the auto-flushing stdout, println() would
        // flush (a system call) per line, which dominates when a query list has a million matches.
        StringBuilder sb = new StringBuilder(1 << 16);
        if (format == OutputFormat.TSV) sb.append("query\tmatch\tid\tdistance\n");
        int r = 0;
        for (Query<H> q : queries) {
            if (q.hash() == null) continue;
            for (Match<H> m : results.get(r)) {
                if (sb.length() > (1 << 16)) {
                    out.print(sb);
                    sb.setLength(0);
                }
                String match = hashType.format(m.hash());
                if (format == OutputFormat.TSV) {
                    sb.append(Tsv.field(q.label())).append('\t').append(match).append('\t')
                            .append(Tsv.field(m.id())).append('\t').append(m.distance());
                } else {
                    sb.append("{\"query\":").append(Json.quote(q.label())).append(",\"match\":\"").append(match)
                            .append("\",\"id\":").append(Json.quote(m.id())).append(",\"distance\":")
                            .append(m.distance()).append('}');
                }
                sb.append('\n');
            }
            r++;
        }
        out.print(sb);
        out.flush();
    }
}
