package org.tideline.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.tideline.core.image.DecodeOptions;
import org.tideline.core.image.ImageLimits;
import org.tideline.core.image.ImageRejectedException;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.media.MediaHashes;
import org.tideline.core.pdq.PdqHash;
import org.tideline.core.pdq.PdqMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tideline hash}: PDQ, MD5, SHA-1 and SHA-256 of image files, in parallel, printed in the order given.
 */
@Command(name = "hash", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Hash image files: PDQ (with quality) and MD5, SHA-1, SHA-256 of the bytes.",
                "Directories are walked recursively, sorted. Output is in the order given, one line per file;",
                "a file that cannot be hashed gets 'PATH<TAB>error<TAB>KIND: message' and the exit code is 1."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file hashed", "1:at least one file failed", "2:bad command line"})
final class HashCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "full|512", defaultValue = "full",
            converter = PdqModeConverter.class,
            description = "PDQ convention: full (canonical, Meta's Java/python/HMA) or 512 (Meta's C++ CLI). Default: ${DEFAULT-VALUE}.")
    PdqMode mode;

    @Option(names = "--dihedral", description = "Also print the 8 dihedral hashes (original, rot90, rot180, rot270, flipx, flipy, flip+1, flip-1).")
    boolean dihedral;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores.")
    Integer threads;

    @Option(names = "--format", paramLabel = "tsv|json", defaultValue = "tsv",
            description = "tsv (header line, tab-separated) or json (one object per line). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--exif-orientation", description = "Rotate/flip JPEGs by their EXIF orientation before hashing (the references do not).")
    boolean exifOrientation;

    @Option(names = "--jpeg-decoder", paramLabel = "auto|imageio|turbojpeg", defaultValue = "auto",
            description = "JPEG decoder: libjpeg-turbo when installed (auto), or force one. Same hashes either way. Default: ${DEFAULT-VALUE}.")
    DecodeOptions.JpegBackend jpegDecoder;

    @Option(names = "--max-pixels", paramLabel = "N", description = "Refuse images over N pixels (checked from the header). Default: 100000000.")
    Long maxPixels;

    @Option(names = "--max-bytes", paramLabel = "N", description = "Refuse files over N bytes. Default: 209715200.")
    Long maxBytes;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Abandon a decode after this long. Default: 30.")
    Integer timeoutSeconds;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Image files or directories.")
    List<Path> paths;

    @Override
    public Integer call() {
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        List<Path> files;
        try {
            files = InputFiles.expand(paths);
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("tideline hash: " + e.getMessage());
            return 1;
        }
        chooseSimdFor(files.size());
        MediaHasher hasher = new MediaHasher(decodeOptions(), mode, dihedral);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HashReport report = new HashReport(out, format, dihedral);
        report.header();
        int failures;
        try (Progress progress = new Progress(System.err, Progress.stderrIsTerminal(), files.size(), "files")) {
            failures = hashInOrder(files, hasher, workers, report, progress);
        }
        out.flush();
        if (report.lowQualityCount() > 0) {
            err.println("tideline hash: " + report.lowQualityCount() + " file(s) hashed with quality below 50;"
                    + " such hashes are not trusted for matching");
        }
        if (failures > 0) {
            err.println("tideline hash: " + failures + " of " + files.size() + " file(s) could not be hashed");
        }
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    /** Below this many files the Vector API's JIT warm-up costs more than it saves (docs/hashing.md, SIMD). */
    static final int VECTOR_PAYS_OFF_AT_FILES = 1_000;

    /**
     * Picks PDQ's scalar front end for small batches unless the user chose (-Dtideline.pdq.simd=...): the choice
     * is made once per process, at the first hash, so it must be made before the hasher is built.
     */
    private static void chooseSimdFor(int files) {
        if (System.getProperty("tideline.pdq.simd") == null && files < VECTOR_PAYS_OFF_AT_FILES) {
            System.setProperty("tideline.pdq.simd", "scalar");
        }
    }

    private DecodeOptions decodeOptions() {
        ImageLimits limits = ImageLimits.defaults();
        if (maxPixels != null) limits = limits.withMaxPixels(maxPixels);
        if (maxBytes != null) limits = limits.withMaxBytes(maxBytes);
        if (timeoutSeconds != null) limits = limits.withTimeout(Duration.ofSeconds(timeoutSeconds));
        return new DecodeOptions(limits, exifOrientation, jpegDecoder);
    }

    /**
     * Hashes on {@code workers} threads and prints in input order. At most a few files per worker are in flight,
     * so memory stays flat however many files there are.
     */
    private static int hashInOrder(List<Path> files, MediaHasher hasher, int workers, HashReport report,
                                   Progress progress) {
        int failures = 0;
        int window = workers * 2;
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads())) {
            ArrayDeque<Future<Outcome>> inFlight = new ArrayDeque<>();
            int next = 0;
            while (next < files.size() || !inFlight.isEmpty()) {
                while (next < files.size() && inFlight.size() < window) {
                    Path file = files.get(next++);
                    inFlight.add(pool.submit(() -> Outcome.of(file, hasher)));
                }
                Outcome outcome = await(inFlight.poll());
                if (outcome.error() != null) failures++;
                report.print(outcome);
                progress.step();
            }
        }
        return failures;
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed unexpectedly", e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "tideline-hash");
            t.setDaemon(true);
            return t;
        };
    }

    /** One file's result: hashes, or the reason it has none. */
    record Outcome(Path file, MediaHashes hashes, ImageRejectedException error) {
        static Outcome of(Path file, MediaHasher hasher) {
            try {
                return new Outcome(file, hasher.hash(file), null);
            } catch (ImageRejectedException e) {
                return new Outcome(file, null, e);
            } catch (RuntimeException e) {
                return new Outcome(file, null, new ImageRejectedException(ImageRejectedException.Kind.CORRUPT,
                        "unexpected failure: " + e, e));
            }
        }
    }

    static String dihedralColumn(MediaHashes h) {
        return h.pdq().dihedral().stream().map(PdqHash::toHex).collect(Collectors.joining(" "));
    }
}
