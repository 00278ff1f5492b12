package org.tideline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.tideline.core.pdq.PdqHash;
import org.tideline.server.Services;
import org.tideline.server.TidelineServer;
import org.tideline.server.access.Caller;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;
import org.tideline.server.http.HttpApi;

/**
 * Match-by-hash over HTTP under load: fills a bank with random PDQ hashes (once per data directory), starts the
 * server in this JVM, and drives {@code GET /m/lookup} with wrk from a list of queries (mostly misses, as a
 * platform's uploads are, and a share of near-duplicates of banked entries) while a writer adds entries over
 * HTTP the whole time. Prints wrk's report, the writer's results, and the server's error count.
 *
 * <p>{@code tideline bench server [--data DIR] [--entries N] [--duration S] [--connections C] [--threads T]
 * [--hit-share F] [--writes-per-second W] [--warmup S] [--direct]}
 */
final class ServerBench {

    private static final String BANK = "BENCH";
    private static final String ORG = "Bench Org";

    private ServerBench() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(option(args, "--data", "bench-data/server"));
        int entries = Integer.parseInt(option(args, "--entries", "1000000"));
        int duration = Integer.parseInt(option(args, "--duration", "60"));
        int connections = Integer.parseInt(option(args, "--connections", "64"));
        int threads = Integer.parseInt(option(args, "--threads", "2"));
        double hitShare = Double.parseDouble(option(args, "--hit-share", "0.05"));
        int writesPerSecond = Integer.parseInt(option(args, "--writes-per-second", "10"));
        int warmup = Integer.parseInt(option(args, "--warmup", "30"));
        Files.createDirectories(data);

        TidelineServer server = TidelineServer.start(TidelineServer.Config.embedded(data)
                .withHttp(new HttpApi.Settings("127.0.0.1", 0, 50L * 1024 * 1024)));
        try {
            Services s = server.services();
            Caller curator = fill(s, entries);
            System.out.println("waiting for the index ...");
            s.matcher().awaitChange(-1, Duration.ofMinutes(30));
            System.out.println("index: " + s.matcher().status().sizes());
            if (List.of(args).contains("--direct")) {
                direct(s, queries(s, curator, hitShare, 100_000), threads, duration);
                return;
            }
            String matcherKey = s.access().createApiKey(ORG, Role.MATCHER, "bench").secret();
            String curatorKey = s.access().createApiKey(ORG, Role.CURATOR, "bench writer").secret();
            Path script = writeScript(data, queries(s, curator, hitShare, 100_000), matcherKey);
            String base = "http://127.0.0.1:" + server.port();

            if (warmup > 0) {
                // JIT compilation of the search kernels and Jetty takes tens of seconds on two cores.
                System.out.println("warming up for " + warmup + " s (not measured) ...");
                new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + warmup + "s", "-s",
                        script.toString(), base).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
            Writer writer = new Writer(base, curatorKey, writesPerSecond);
            Thread writing = Thread.ofPlatform().daemon().start(writer);
            List<String> wrk = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration + "s", "--latency",
                    "--timeout", "5s", "-s", script.toString(), base);
            System.out.println("running: " + String.join(" ", wrk) + "  (load before: " + loadAverage() + ")");
            Process p = new ProcessBuilder(wrk).inheritIO().start();
            int exit = p.waitFor();
            writer.stop = true;
            writing.join(5_000);
            System.out.printf("writer: %d entries added over HTTP, %d failed; last write visible to lookups in %.1f ms%n",
                    writer.ok.get(), writer.failed.get(), writer.lastVisibleMillis);
            System.out.println("server errors (5xx): " + serverErrors(s));
            System.out.println("load after: " + loadAverage() + "; nproc " + Runtime.getRuntime().availableProcessors());
            if (exit != 0) {
                System.exit(exit);
            }
        } finally {
            server.close();
        }
    }

    /** Lookups straight into the matcher, no HTTP: what the HTTP layer costs on top. */
    private static void direct(Services s, List<String> queries, int threads, int seconds) throws Exception {
        Caller matcher = s.access().authenticate(s.access().createApiKey(ORG, Role.MATCHER, "bench").secret())
                .orElseThrow();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 9973;
            workers.add(Thread.ofPlatform().start(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    s.matcher().lookup(matcher, SignalType.PDQ, queries.get(i++ % queries.size()),
                            org.tideline.server.match.LookupOptions.defaults());
                    done.incrementAndGet();
                }
            }));
        }
        long last = 0;
        for (int sec = 1; sec <= seconds; sec++) {
            Thread.sleep(1000);
            long now = done.get();
            if (sec % 5 == 0 || sec <= 3) {
                System.out.printf("direct lookups, %d threads, second %d: %,d/s%n", threads, sec, now - last);
            }
            last = now;
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    /** Makes sure the bench bank holds {@code entries} random PDQ hashes; returns its curator. */
    private static Caller fill(Services s, int entries) {
        if (s.access().organisation(ORG).isEmpty()) {
            s.access().createOrganisation(ORG, OrgType.COMPANY);
        }
        Caller curator = s.access().authenticate(s.access().createApiKey(ORG, Role.CURATOR, "bench").secret()).orElseThrow();
        if (s.banks().banks(curator).stream().noneMatch(b -> b.name().equals(BANK))) {
            s.banks().createBank(curator, BankSettings.named(BANK));
        }
        long have = s.banks().contentPage(curator, BANK, 0, 1).isEmpty() ? 0 : count(s);
        SplittableRandom random = new SplittableRandom(42 + have);
        long started = System.nanoTime();
        for (long done = have; done < entries; ) {
            int n = (int) Math.min(5_000, entries - done);
            List<NewContent> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(NewContent.of(Map.of(SignalType.PDQ, random(random).toHex())));
            }
            s.banks().addContents(curator, BANK, batch);
            done += n;
            if (done % 100_000 == 0 || done == entries) {
                double secs = (System.nanoTime() - started) / 1e9;
                System.out.printf("filled %,d / %,d entries (%.0f/s)%n", done, entries, (done - have) / secs);
            }
        }
        return curator;
    }

    private static long count(Services s) {
        return s.db().transaction(c -> org.tideline.server.store.Sql.count(c,
                "SELECT COUNT(*) FROM bank_content bc JOIN bank b ON b.id = bc.bank_id WHERE b.name = ?", BANK));
    }

    /** Query hashes: a share are banked entries with a few bits flipped, the rest random. */
    private static List<String> queries(Services s, Caller curator, double hitShare, int n) {
        SplittableRandom random = new SplittableRandom(7);
        List<String> banked = new ArrayList<>();
        long after = random.nextInt(1000);
        while (banked.size() < 2_000) {
            var page = s.banks().contentPage(curator, BANK, after, 1000);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(c -> banked.add(c.signals().get(SignalType.PDQ)));
            after = page.getLast().id() + 50_000 + random.nextInt(50_000);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (!banked.isEmpty() && random.nextDouble() < hitShare) {
                PdqHash h = PdqHash.fromHex(banked.get(random.nextInt(banked.size())));
                for (int f = random.nextInt(12); f > 0; f--) {
                    h = h.flip(random.nextInt(256));
                }
                out.add(h.toHex());
            } else {
                out.add(random(random).toHex());
            }
        }
        return out;
    }

    private static PdqHash random(SplittableRandom r) {
        return new PdqHash(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    }

    private static Path writeScript(Path dir, List<String> queries, String key) throws IOException {
        Path list = dir.resolve("queries.txt");
        Files.write(list, queries);
        Path script = dir.resolve("lookup.lua");
        Files.writeString(script, """
                -- GET /m/lookup over a fixed list of PDQ queries, each connection starting at its own offset.
                local queries = {}
                for line in io.lines("%s") do queries[#queries + 1] = line end
                local counter = 0
                request = function()
                  counter = counter + 1
                  local q = queries[(counter %% #queries) + 1]
                  return wrk.format("GET", "/m/lookup?signal_type=pdq&signal=" .. q, {["Authorization"] = "Bearer %s"})
                end
                init = function(args) counter = math.random(#queries) end
                """.formatted(list.toAbsolutePath(), key));
        return script;
    }

    private static String serverErrors(Services s) {
        double errors = 0;
        for (var meter : s.metrics().find("tideline_http_requests").timers()) {
            String status = meter.getId().getTag("status");
            if (status != null && status.startsWith("5")) {
                errors += meter.count();
            }
        }
        return Long.toString((long) errors);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Adds entries over HTTP at a steady rate while wrk runs, and checks the newest one becomes matchable. */
    private static final class Writer implements Runnable {
        final String base;
        final String key;
        final int perSecond;
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile boolean stop;
        volatile double lastVisibleMillis = -1;
        private final HttpClient http = HttpClient.newHttpClient();

        Writer(String base, String key, int perSecond) {
            this.base = base;
            this.key = key;
            this.perSecond = Math.max(1, perSecond);
        }

        @Override
        public void run() {
            SplittableRandom random = new SplittableRandom(99);
            long interval = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            String last = null;
            long lastAt = 0;
            while (!stop) {
                String hex = ServerBench.random(random).toHex();
                try {
                    var r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/banks/" + BANK + "/entries"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"signals\":{\"pdq\":\"" + hex + "\"}}"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 201) {
                        ok.incrementAndGet();
                        last = hex;
                        lastAt = System.nanoTime();
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failed.incrementAndGet();
                }
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(sleep));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (last != null) {
                lastVisibleMillis = visible(last, lastAt);
            }
        }

        private double visible(String hex, long writtenAt) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            try {
                while (System.nanoTime() < deadline) { // -1 if it never shows: a failure, not a hang
                    var r = http.send(HttpRequest.newBuilder(URI.create(base + "/m/lookup?signal_type=pdq&signal=" + hex))
                            .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.body().contains(BANK)) {
                        return (System.nanoTime() - writtenAt) / 1e6;
                    }
                    Thread.sleep(1);
                }
                return -1;
            } catch (IOException | InterruptedException e) {
                return -1;
            }
        }
    }
}
