package org.tideline.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tideline.core.image.DecodeOptions.JpegBackend;
import org.tideline.core.image.HostileFiles.Case;
import org.tideline.core.image.ImageRejectedException.Kind;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.pdq.PdqMode;

/**
 * The hostile-file corpus of {@link HostileFiles} (generated, never committed): decompression bombs, lying
 * headers, truncated and garbage data, files that are not images, files over the byte limit, a decode over the
 * time limit. Each is refused with its {@link Kind} and a message that says why, quickly, without allocating
 * what the file claims, and never as an all-zero hash, an {@link OutOfMemoryError} or a hang.
 *
 * <p>The same corpus is hashed in a child JVM with {@code -Xmx256m}, as the issue requires of a small heap.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileFilesTest {

    /** What a refusal may allocate: the header parse and small readers' buffers, never the claimed pixels. */
    static final long MAX_BYTES_ALLOCATED_BY_A_REFUSAL = 4L << 20;
    /** The child JVM's heap, as the issue asks: too small for any of the bombs to be decoded. */
    static final String SMALL_HEAP = "-Xmx256m";

    private static final List<Case> CORPUS = HostileFiles.corpus();
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void load_image_readers_once() throws Exception {
        // ImageIO scans its plugin registry on first use; that one-off cost is not the refusal's.
        for (JpegBackend backend : List.of(JpegBackend.AUTO, JpegBackend.IMAGEIO)) {
            MediaHasher hasher = hasher(ImageLimits.defaults(), backend);
            hasher.hash(HostileFiles.sampleJpeg());
            hasher.hash(HostileFiles.samplePng());
        }
    }

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        for (Case c : CORPUS) {
            cases.add(Arguments.of(c, JpegBackend.AUTO));
            if (c.isJpeg()) {
                cases.add(Arguments.of(c, JpegBackend.IMAGEIO));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} (JPEG backend {1})")
    @MethodSource("corpus")
    void every_hostile_file_is_refused_with_its_kind_and_a_message_saying_why(Case c, JpegBackend backend) {
        ImageRejectedException e = refusal(c, backend);

        assertThat(e.kind()).as("%s: %s", c.name(), e.getMessage()).isEqualTo(c.expected());
        for (String word : c.messageMentions()) {
            assertThat(e.getMessage()).as(c.name()).containsIgnoringCase(word);
        }
        assertThat(e.toString()).startsWith(c.expected().label() + ": ");
    }

    @ParameterizedTest(name = "{0} (JPEG backend {1})")
    @MethodSource("corpus")
    void refusals_cost_no_more_than_parsing_a_header(Case c, JpegBackend backend) {
        // The slow file is a valid image, decoded until the time limit stops it: the one case that allocates.
        if (c.expected() == Kind.TOO_SLOW) return;
        refusal(c, backend);

        long before = THREADS.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        refusal(c, backend);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(allocated).as("%s: bytes allocated by the refusal", c.name())
                .isLessThan(MAX_BYTES_ALLOCATED_BY_A_REFUSAL);
        assertThat(millis).as("%s: refusal time in ms", c.name()).isLessThan(1_000);
    }

    @Test
    void a_decode_over_the_time_limit_is_abandoned_soon_after_the_limit_not_run_to_the_end() throws Exception {
        // A valid 4000x4000 RGB PNG: about 100 ms to decode in full here, ~6 ms when abandoned at 1 ms (most of it
        // allocating the reader's 48 MB image before its first pixel). The watchdog must keep aborting: the JDK's
        // reader clears an abort that arrives before its pixel loop starts, and this 1 ms limit always does.
        byte[] png = HostileFiles.zeroPng(4000, 4000, 3);
        ImageDecoder unlimited = new ImageDecoder(DecodeOptions.defaults());
        ImageDecoder limited = new ImageDecoder(DecodeOptions.defaults()
                .withLimits(ImageLimits.defaults().withTimeout(Duration.ofMillis(1))));
        long fullDecode = Long.MAX_VALUE;
        long abandoned = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            unlimited.decode(png);
            long t1 = System.nanoTime();
            ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> limited.decode(png));
            long t2 = System.nanoTime();
            assertThat(e).as("the 1 ms decode is refused").isNotNull();
            assertThat(e.kind()).isEqualTo(Kind.TOO_SLOW);
            assertThat(e.getMessage()).isEqualTo("decoding took longer than the limit of 1 ms");
            fullDecode = Math.min(fullDecode, t1 - t0);
            abandoned = Math.min(abandoned, t2 - t1);
        }
        assertThat(abandoned).as("best abandoned decode (ns) vs a third of the best full decode (ns)")
                .isLessThan(fullDecode / 3);
    }

    @Test
    void a_png_whose_only_fault_is_a_bad_crc_is_hashed_like_the_intact_file() throws Exception {
        // A policy, not an accident: the JDK's PNG reader does not check chunk CRCs, and the pixel data is still
        // guarded by zlib's Adler-32 (garbage-idat.png is refused). Refusing a file whose pixels are intact would
        // let a flipped checksum bit hide an image from matching while viewers that ignore CRCs still show it.
        byte[] intact = HostileFiles.samplePng();
        byte[] badCrc = HostileFiles.withBadIdatCrc(intact);
        MediaHasher hasher = hasher(ImageLimits.defaults(), JpegBackend.AUTO);

        assertThat(badCrc).isNotEqualTo(intact);
        assertThat(hasher.hash(badCrc).pdq()).isEqualTo(hasher.hash(intact).pdq());
    }

    @Test
    void a_file_over_the_byte_limit_is_refused_from_its_size_without_being_read(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("huge.png"), new byte[8 << 20]);
        MediaHasher hasher = hasher(ImageLimits.defaults().withMaxBytes(1 << 20), JpegBackend.AUTO);
        catchThrowableOfType(ImageRejectedException.class, () -> hasher.hash(file));

        long before = THREADS.getCurrentThreadAllocatedBytes();
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> hasher.hash(file));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("file is over 1048576 bytes, the limit");
        assertThat(allocated).as("bytes allocated refusing an 8 MiB file").isLessThan(64 << 10);
    }

    @Test
    void a_missing_file_or_a_directory_is_unreadable(@TempDir Path dir) {
        MediaHasher hasher = new MediaHasher();

        assertThatThrownBy(() -> hasher.hash(dir.resolve("no-such-photo.jpg")))
                .isInstanceOfSatisfying(ImageRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNREADABLE))
                .hasMessage("no such file");
        assertThatThrownBy(() -> hasher.hash(dir))
                .isInstanceOfSatisfying(ImageRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNREADABLE))
                .hasMessage("is a directory");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void under_a_256_mb_heap_every_hostile_file_is_refused_and_nothing_runs_out_of_memory(@TempDir Path dir)
            throws Exception {
        Map<String, Case> expected = new LinkedHashMap<>();
        for (Case c : CORPUS) {
            expected.put(c.name(), c);
        }
        // Only a small heap refuses this one: 100 megapixels is within the pixel limit, but its decode needs
        // ~2 GB, more than the 60% of 256 MB the decode budget allows.
        Case budgetBomb = HostileFiles.budgetBomb();
        expected.put(budgetBomb.name(), budgetBomb);

        Path corpus = Files.createDirectory(dir.resolve("corpus"));
        for (Case c : expected.values()) {
            c.writeTo(corpus);
        }

        ChildRun run = runSmallHeapChild(corpus, dir);

        assertThat(run.exitCode()).as("child exit code; output:%n%s%nstderr:%n%s", run.output(), run.errors())
                .isZero();
        Map<String, String[]> byName = new LinkedHashMap<>();
        for (String line : run.output().lines().toList()) {
            String[] f = line.split("\t", 3);
            if (f.length == 3) byName.put(f[0], f);
        }
        assertThat(byName.keySet()).as(run.output()).containsExactlyElementsOf(expected.keySet());
        for (Case c : expected.values()) {
            String[] f = byName.get(c.name());
            assertThat(f[1]).as("%s: %s", c.name(), f[2]).isEqualTo(c.expected().name());
            for (String word : c.messageMentions()) {
                assertThat(f[2]).as(c.name()).containsIgnoringCase(word);
            }
        }
    }

    private record ChildRun(int exitCode, String output, String errors) {
    }

    /** Runs {@link HostileFilesMain} on {@code corpus} in a fresh JVM with {@value #SMALL_HEAP}. */
    private static ChildRun runSmallHeapChild(Path corpus, Path work) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(SMALL_HEAP);
        // The flags surefire gives this JVM (FFM for libjpeg-turbo, the Vector API), so the child decodes alike.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--enable-native-access") || arg.startsWith("--add-modules")
                    || arg.startsWith("-Dtideline.")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HostileFilesMain.class.getName());
        command.add(corpus.toString());
        Path out = work.resolve("child.out");
        Path err = work.resolve("child.err");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError("the child JVM did not finish within 60 s; so far:\n" + Files.readString(out));
        }
        return new ChildRun(child.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static ImageRejectedException refusal(Case c, JpegBackend backend) {
        MediaHasher hasher = hasher(c.limits(), backend);
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> hasher.hash(c.bytes()));
        assertThat(e).as("%s must be refused, not hashed", c.name()).isNotNull();
        return e;
    }

    private static MediaHasher hasher(ImageLimits limits, JpegBackend backend) {
        return new MediaHasher(DecodeOptions.defaults().withLimits(limits).withJpegBackend(backend),
                PdqMode.FULL, false);
    }
}
