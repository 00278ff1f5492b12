package org.tideline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tideline.core.index.HashIndex;
import org.tideline.core.index.HashLists;
import org.tideline.core.index.HashType;
import org.tideline.core.index.IndexEntry;
import org.tideline.core.index.IndexStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tideline index}: on-disk hash indexes. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Build on-disk hash indexes (see docs/index.md).",
        subcommands = {IndexCommand.Build.class})
final class IndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code tideline index build --out DIR FILE...}. */
    @Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                    "Build an index from hash lists: one hash a line (64 hex digits for PDQ), optionally a tab and an",
                    "id kept with it. Blank lines and lines starting with # are skipped; a repeated hash-and-id pair",
                    "is stored once. The index is written to DIR, which must not already hold one."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:index built", "1:unreadable or malformed input, or DIR unusable", "2:bad command line"})
    static final class Build implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the index to.")
        Path out;

        @Option(names = "--type", paramLabel = "pdq|md5|sha1|sha256", defaultValue = "pdq",
                converter = HashTypeConverter.class,
                description = "Kind of hash in the lists. Default: ${DEFAULT-VALUE}.")
        HashType<?> type;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Hash-list files.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            long started = System.nanoTime();
            try {
                Counted<?> counted = build(type);
                IndexStats stats = counted.stats();
                err.println(String.format(Locale.ROOT,
                        "tideline index build: %d entries from %d lines (%d repeats dropped) in %s, %.1f s;"
                                + " %.1f search bytes per entry",
                        stats.entries(), counted.lines(), counted.lines() - stats.entries(), out,
                        (System.nanoTime() - started) / 1e9, stats.searchBytesPerEntry()));
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("tideline index build: " + e.getMessage());
                return 1;
            } catch (IOException | UncheckedIOException e) {
                err.println("tideline index build: " + e.getMessage());
                return 1;
            } finally {
                err.flush();
            }
        }

        private <H> Counted<H> build(HashType<H> hashType) throws IOException {
            long[] lines = {0};
            Iterable<IndexEntry<H>> source = HashLists.entries(hashType, files);
            Iterable<IndexEntry<H>> counting = () -> {
                Iterator<IndexEntry<H>> it = source.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public IndexEntry<H> next() {
                        lines[0]++;
                        return it.next();
                    }
                };
            };
            try (HashIndex<H> index = HashIndex.builder(hashType).directory(out).backgroundMaintenance(false)
                    .build(counting)) {
                return new Counted<>(index.stats(), lines[0]);
            }
        }

        private record Counted<H>(IndexStats stats, long lines) {
        }
    }
}
