package org.tideline.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.tideline.core.image.DecodeOptions;
import org.tideline.core.image.ImageDecoder;
import org.tideline.core.image.RasterImage;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.pdq.PdqHasher;
import org.tideline.core.pdq.PdqMode;

/**
 * Image hashing throughput on a directory of JPEGs (default: the 200 synthetic 1024x768 photos in
 * ../shared/testdata/pdq/synthetic), measuring separately:
 * <ul>
 *   <li>plain {@code ImageIO.read} of each file on this JDK (the yardstick);</li>
 *   <li>Tideline's decode, through libjpeg-turbo and through ImageIO;</li>
 *   <li>PDQ alone on decoded pixels, full and 512 modes;</li>
 *   <li>end to end (read file, MD5/SHA-1/SHA-256, decode, PDQ full) on one thread and on all cores.</li>
 * </ul>
 * Each measurement runs {@code --rounds} passes over all files after a warm-up pass, and reports the best pass
 * (the least disturbed by the machine's other work) and the median.
 */
final class HashBench {

    private HashBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("../shared/testdata/pdq/synthetic");
        int rounds = 5;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<byte[]> bytes = new ArrayList<>();
        for (Path f : files) bytes.add(Files.readAllBytes(f));
        int n = files.size();
        ImageIO.setUseCache(false);

        ImageDecoder turbo = new ImageDecoder(DecodeOptions.defaults());
        ImageDecoder imageIo = new ImageDecoder(DecodeOptions.defaults().withJpegBackend(DecodeOptions.JpegBackend.IMAGEIO));
        List<RasterImage> rasters = new ArrayList<>();
        for (byte[] b : bytes) rasters.add(turbo.decode(b));
        PdqHasher full = new PdqHasher(PdqMode.FULL);
        PdqHasher compat = new PdqHasher(PdqMode.COMPAT_512);
        MediaHasher endToEnd = new MediaHasher();

        System.out.printf(Locale.ROOT, "tideline bench hash: %d files from %s, %d rounds, JDK %s, %d cores, load %s%n",
                n, dir, rounds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                loadAverage());
        System.out.printf(Locale.ROOT, "JPEG decoder in use: %s%n%n", turbo.jpegDecoderName());
        System.out.printf(Locale.ROOT, "%-46s %10s %10s %10s%n", "one thread", "best ms", "median ms", "img/s");

        report("ImageIO.read (JDK yardstick)", n, rounds, () -> {
            for (byte[] b : bytes) {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(b));
                if (img.getWidth() == 0) throw new AssertionError();
            }
        });
        report("decode, ImageIO (Tideline, with pixel rules)", n, rounds, () -> {
            for (byte[] b : bytes) imageIo.decode(b);
        });
        report("decode, " + turbo.jpegDecoderName(), n, rounds, () -> {
            for (byte[] b : bytes) turbo.decode(b);
        });
        report("PDQ hash only, full", n, rounds, () -> {
            for (RasterImage r : rasters) full.hash(r, false);
        });
        report("PDQ hash only, full + 8 dihedral", n, rounds, () -> {
            for (RasterImage r : rasters) full.hash(r, true);
        });
        report("PDQ hash only, 512", n, rounds, () -> {
            for (RasterImage r : rasters) compat.hash(r, false);
        });
        report("end to end, full (read+digests+decode+PDQ)", n, rounds, () -> {
            for (Path f : files) endToEnd.hash(f);
        });
        System.out.println();
        int t = threads;
        try (ExecutorService pool = Executors.newFixedThreadPool(t)) {
            report("end to end, full, " + t + " threads", n, rounds, () -> {
                List<Future<?>> futures = new ArrayList<>();
                for (Path f : files) futures.add(pool.submit(() -> endToEnd.hash(f)));
                for (Future<?> fu : futures) fu.get();
            });
        }
    }

    interface Work {
        void run() throws Exception;
    }

    private static void report(String name, int images, int rounds, Work work) throws Exception {
        work.run(); // warm-up
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            work.run();
            ms[r] = (System.nanoTime() - t0) / 1e6 / images;
        }
        double[] sorted = ms.clone();
        java.util.Arrays.sort(sorted);
        double best = sorted[0];
        double median = sorted[rounds / 2];
        System.out.printf(Locale.ROOT, "%-46s %10.2f %10.2f %10.1f%n", name, best, median, 1000.0 / best);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
