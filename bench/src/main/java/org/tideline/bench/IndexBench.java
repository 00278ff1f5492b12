package org.tideline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.tideline.core.index.HashIndex;
import org.tideline.core.index.HashType;
import org.tideline.core.index.IndexStats;
import org.tideline.core.index.Match;
import org.tideline.core.pdq.PdqHash;

/**
 * {@code tideline bench index}: the Hamming index at 1M, 10M, 100M hashes, random and clustered; one thread.
 * For each size and kind: build time (to disk), open time, bytes per hash, single-query throughput and p50/p99
 * latency per threshold, batch throughput, a brute-force scan for comparison, and the update rate.
 *
 * <pre>
 * options: --sizes 1M,10M[,100M]  --data random,clustered  --thresholds 0,16,31,47  --queries 2000
 *          --batch 20000  --updates 100000  --dir DIR (default: a temporary directory, deleted after)
 *          --load (copy segments into huge-page memory at open instead of searching the mapped files)
 *          --no-scan  --no-updates
 *          --no-ids (store no ids: what 100M needs to fit a small machine's heap while building)
 *          --verify N (compare N queries' answers with one brute-force pass over the data)
 * </pre>
 */
public final class IndexBench {

    private static final long MEASURE_NANOS = 5_000_000_000L;
    private static final int BATCH_CHUNK = 10_000;

    private IndexBench() {
    }

    private record Options(List<Long> sizes, List<IndexBenchData.Kind> kinds, int[] thresholds, int queries,
                           int batch, int updates, Path dir, boolean scan, boolean updatesOn, boolean load, boolean ids, int verify) {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        System.out.printf(Locale.ROOT, "tideline bench index: JDK %s, %d cores (nproc), load average %.2f, max heap %d MB%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().maxMemory() >> 20);
        Path root = o.dir() != null ? o.dir() : Files.createTempDirectory("tideline-bench-index");
        try {
            for (long size : o.sizes()) {
                for (IndexBenchData.Kind kind : o.kinds()) {
                    run(o, new IndexBenchData(kind, size, 42 + size, o.ids()), root.resolve(kind.name().toLowerCase(Locale.ROOT) + "-" + size), size, kind);
                }
            }
        } finally {
            if (o.dir() == null) deleteTree(root);
        }
    }

    private static void run(Options o, IndexBenchData data, Path dir, long size, IndexBenchData.Kind kind) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s hashes, %s ==%n", human(size), kind.name().toLowerCase(Locale.ROOT));
        deleteTree(dir);
        long t0 = System.nanoTime();
        try (HashIndex<PdqHash> built = HashIndex.builder(HashType.PDQ).directory(dir).backgroundMaintenance(false)
                .build(data.entries())) {
            System.out.printf(Locale.ROOT, "build (generate, dedupe, tables, write, fsync)  %8.1f s   %s%n",
                    seconds(t0), built.stats().simd());
        }
        System.gc();
        t0 = System.nanoTime();
        HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).loadIntoMemory(false).verifyChecksums(false)
                .open().close();
        double openMapped = seconds(t0);
        t0 = System.nanoTime();
        HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).loadIntoMemory(false).open().close();
        double openVerified = seconds(t0);
        System.gc();
        t0 = System.nanoTime();
        HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true)
                .loadIntoMemory(o.load()).open();
        double openUsed = seconds(t0);
        while (index.stats().mappedBytes() > 0 && o.load()) Thread.sleep(10);
        double loaded = seconds(t0);
        try {
            IndexStats stats = index.stats();
            System.out.printf(Locale.ROOT, "open (warm page cache): mapped %.3f s, mapped and checksums verified %.2f s%s%n",
                    openMapped, openVerified, o.load() ? String.format(Locale.ROOT,
                            "; with --load: open %.2f s, background copy into memory done at %.2f s (measured after)",
                            openUsed, loaded) : "");
            System.out.printf(Locale.ROOT, "memory: %.1f search bytes per hash (hashes, tables, directories, flags); ids %.1f more;"
                    + " %d segment(s)%n", stats.searchBytesPerEntry(), (double) stats.idBytes() / stats.entries(), stats.segments());
            List<PdqHash> queries = data.queries(o.queries(), 7);
            List<PdqHash> batch = data.queries(o.batch(), 8);
            for (int t : o.thresholds()) { // warm-up: compile every path before measuring
                for (PdqHash q : queries.subList(0, Math.min(1000, queries.size()))) index.search(q, t);
            }
            System.out.printf(Locale.ROOT, "%-10s %12s %10s %10s %12s %14s%n", "threshold", "queries/s", "p50 us",
                    "p99 us", "matches/q", "batch hash/s");
            for (int t : o.thresholds()) {
                single(index, queries, t);
                batch(index, batch, t);
            }
            if (o.scan() && size <= 20_000_000L) scan(data, queries.subList(0, Math.min(queries.size(), 30)));
            if (o.verify() > 0) verify(index, data, o.verify());
        } finally {
            index.close();
        }
        if (o.updatesOn()) updates(dir, o.updates());
    }

    /** Single-hash searches, one at a time, for up to {@value #MEASURE_NANOS} ns or all the queries. */
    private static void single(HashIndex<PdqHash> index, List<PdqHash> queries, int t) {
        long[] nanos = new long[queries.size()];
        long matches = 0;
        int done = 0;
        long start = System.nanoTime();
        while (done < queries.size() && System.nanoTime() - start < MEASURE_NANOS) {
            long a = System.nanoTime();
            matches += index.search(queries.get(done), t).size();
            nanos[done++] = System.nanoTime() - a;
        }
        double total = (System.nanoTime() - start) / 1e9;
        long[] measured = Arrays.copyOf(nanos, done);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "%-10d %12.0f %10.1f %10.1f %12.2f ", t, done / total,
                measured[done / 2] / 1e3, measured[(int) (done * 0.99)] / 1e3, (double) matches / done);
    }

    /** Batches of {@value #BATCH_CHUNK} queries through searchAll, for up to the same time. */
    private static void batch(HashIndex<PdqHash> index, List<PdqHash> batch, int t) {
        index.searchAll(batch.subList(0, Math.min(500, batch.size())), t); // warm-up
        long start = System.nanoTime();
        int done = 0;
        while (done < batch.size() && System.nanoTime() - start < MEASURE_NANOS) {
            int end = Math.min(batch.size(), done + BATCH_CHUNK);
            index.searchAll(batch.subList(done, end), t);
            done = end;
        }
        System.out.printf(Locale.ROOT, "%14.0f%n", done / seconds(start));
    }

    /** Brute force: every stored hash compared, the loop a platform would write without an index. */
    private static void scan(IndexBenchData data, List<PdqHash> queries) {
        long[] w = data.words();
        for (int t : new int[] {31}) {
            long start = System.nanoTime();
            long found = 0;
            for (PdqHash q : queries) found += bruteForce(w, q, t);
            double s = seconds(start);
            System.out.printf(Locale.ROOT, "brute-force scan (scalar Java, t=%d): %.1f queries/s (%d matches)%n",
                    t, queries.size() / s, found);
        }
    }

    static int bruteForce(long[] w, PdqHash q, int t) {
        int found = 0;
        long q0 = q.w0(), q1 = q.w1(), q2 = q.w2(), q3 = q.w3();
        for (int i = 0; i < w.length; i += 4) {
            int d = Long.bitCount(w[i] ^ q0) + Long.bitCount(w[i + 1] ^ q1) + Long.bitCount(w[i + 2] ^ q2)
                    + Long.bitCount(w[i + 3] ^ q3);
            if (d <= t) found++;
        }
        return found;
    }

    /**
     * Exactness at scale: {@code count} queries (near-duplicates and unrelated), answered by the index at 31 and
     * by one brute-force pass over the generated entries, compared as (distance, hash) lists.
     */
    private static void verify(HashIndex<PdqHash> index, IndexBenchData data, int count) {
        List<PdqHash> queries = data.queries(count, 11);
        int t = 31;
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) expected.add(new ArrayList<>());
        long start = System.nanoTime();
        for (var e : data.entries()) {
            PdqHash h = e.hash();
            for (int q = 0; q < count; q++) {
                int d = h.distance(queries.get(q));
                if (d <= t) expected.get(q).add(d + " " + h.toHex() + " " + e.id());
            }
        }
        double scan = seconds(start);
        long matches = 0;
        for (int q = 0; q < count; q++) {
            List<String> got = new ArrayList<>();
            for (Match<PdqHash> m : index.search(queries.get(q), t)) got.add(m.distance() + " " + m.hash().toHex() + " " + m.id());
            List<String> want = expected.get(q);
            want.sort(null);
            got.sort(null);
            if (!got.equals(want)) {
                throw new IllegalStateException("index and brute force differ for query " + queries.get(q) + ": "
                        + got.size() + " vs " + want.size() + " matches");
            }
            matches += want.size();
        }
        System.out.printf(Locale.ROOT, "exactness: %d queries at t=%d, %d matches, identical to a brute-force pass"
                + " (%.1f s)%n", count, t, matches, scan);
    }

    /** Adds, removes, disables on the opened index; add-to-visible latency from a separate search. */
    private static void updates(Path dir, int count) throws IOException {
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).open()) {
            SplittableRandom rnd = new SplittableRandom(99);
            List<PdqHash> fresh = new ArrayList<>(count);
            for (int i = 0; i < count; i++) fresh.add(IndexBenchData.random(rnd));
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) index.add(fresh.get(i), "u" + i);
            double adds = count / seconds(start);
            start = System.nanoTime();
            for (int i = 0; i < count; i++) index.disable(fresh.get(i), "u" + i);
            double disables = count / seconds(start);
            start = System.nanoTime();
            for (int i = 0; i < count; i++) index.remove(fresh.get(i), "u" + i);
            double removes = count / seconds(start);
            long[] visible = new long[1000];
            for (int i = 0; i < visible.length; i++) {
                PdqHash h = IndexBenchData.random(rnd);
                long a = System.nanoTime();
                index.add(h, "v" + i);
                List<Match<PdqHash>> found = index.search(h, 0);
                visible[i] = System.nanoTime() - a;
                if (found.isEmpty()) throw new IllegalStateException("an added hash was not visible");
            }
            Arrays.sort(visible);
            System.out.printf(Locale.ROOT, "updates: %.0f adds/s, %.0f disables/s, %.0f removes/s; add then visible to a"
                            + " search: p50 %.1f us, p99 %.1f us, max %.1f us%n", adds, disables, removes,
                    visible[500] / 1e3, visible[990] / 1e3, visible[999] / 1e3);
        }
    }

    private static Options parse(String[] args) {
        List<Long> sizes = List.of(1_000_000L, 10_000_000L);
        List<IndexBenchData.Kind> kinds = List.of(IndexBenchData.Kind.RANDOM, IndexBenchData.Kind.CLUSTERED);
        int[] thresholds = {0, 16, 31, 47};
        int queries = 2000;
        int batch = 20_000;
        int updates = 100_000;
        Path dir = null;
        boolean scan = true;
        boolean updatesOn = true;
        boolean load = false;
        boolean ids = true;
        int verify = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Stream.of(args[++i].split(",")).map(IndexBench::parseSize).toList();
                case "--data" -> kinds = Stream.of(args[++i].split(","))
                        .map(s -> IndexBenchData.Kind.valueOf(s.toUpperCase(Locale.ROOT))).toList();
                case "--thresholds" -> thresholds = Stream.of(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--updates" -> updates = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--no-scan" -> scan = false;
                case "--no-updates" -> updatesOn = false;
                case "--load" -> load = true;
                case "--no-ids" -> ids = false;
                case "--verify" -> verify = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see docs/index.md)");
            }
        }
        return new Options(sizes, kinds, thresholds, queries, batch, updates, dir, scan, updatesOn, load, ids, verify);
    }

    static long parseSize(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        if (t.endsWith("M")) return Long.parseLong(t.substring(0, t.length() - 1)) * 1_000_000L;
        if (t.endsWith("K")) return Long.parseLong(t.substring(0, t.length() - 1)) * 1_000L;
        return Long.parseLong(t);
    }

    private static String human(long n) {
        return n % 1_000_000 == 0 ? n / 1_000_000 + "M" : n % 1000 == 0 ? n / 1000 + "K" : Long.toString(n);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
