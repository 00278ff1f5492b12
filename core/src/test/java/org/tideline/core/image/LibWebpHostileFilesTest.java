package org.tideline.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tideline.core.image.ImageRejectedException.Kind;
import org.tideline.core.image.WebpSamples.Frame;

/**
 * Broken and hostile WebP files through libwebp, built from misc-images/modes/F.webp (a 1600x1004 lossy file):
 * each is refused with its {@link Kind} and a message that says why, and those whose header claims too many
 * pixels are refused from the header, before anything is decoded.
 */
class LibWebpHostileFilesTest {

    /** What a refusal from the header may allocate on the heap: the message, never the claimed pixels. */
    private static final long MAX_BYTES_ALLOCATED_BY_A_REFUSAL = 1L << 20;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    record Case(String name, byte[] bytes, Kind expected, List<String> messageMentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void libwebp_is_loaded() {
        assumeTrue(LibWebpDecoder.isAvailable(), "libwebp not installed");
    }

    static Stream<Case> cases() {
        byte[] still = WebpSamples.shared("F.webp");
        return Stream.of(
                new Case("vp8-header-claims-16383x16383", WebpSamples.withVp8Size(still, 16383, 16383),
                        Kind.TOO_LARGE, List.of("16383x16383", "limit")),
                new Case("animation-canvas-16000x16000", WebpSamples.animation(16000, 16000,
                        new Frame(still, 0, 0, 1600, 1004)), Kind.TOO_LARGE, List.of("16000x16000", "limit")),
                new Case("truncated-half", WebpSamples.cut(still, still.length / 2), Kind.CORRUPT,
                        List.of("truncated", "RIFF header declares " + still.length + " bytes")),
                new Case("truncated-inside-the-header", WebpSamples.cut(still, 16), Kind.CORRUPT,
                        List.of("truncated")),
                new Case("data-cut-short-with-sizes-rewritten", WebpSamples.cutConsistently(still, still.length / 2),
                        Kind.CORRUPT, List.of("truncated or corrupt", "libwebp")),
                new Case("garbage-after-riff-header", WebpSamples.garbageAfterHeader(4096, 42), Kind.CORRUPT,
                        List.of("unreadable WebP header")),
                new Case("riff-header-alone", WebpSamples.garbageAfterHeader(0, 0), Kind.CORRUPT,
                        List.of("unreadable WebP header")),
                new Case("animation-frame-outside-canvas", WebpSamples.animation(1000, 1000,
                        new Frame(still, 0, 0, 1600, 1004)), Kind.CORRUPT, List.of("outside", "canvas")),
                new Case("animation-frame-header-lies-about-size", WebpSamples.animation(1600, 1004,
                        new Frame(still, 0, 0, 800, 1004)), Kind.CORRUPT, List.of("800x1004", "1600x1004")),
                new Case("animation-without-frames", WebpSamples.animation(1600, 1004), Kind.CORRUPT,
                        List.of("without any frame")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void every_broken_webp_is_refused_with_its_kind_and_a_message_saying_why(Case c) {
        ImageRejectedException e = refusal(c);

        assertThat(e.kind()).as("%s: %s", c.name(), e.getMessage()).isEqualTo(c.expected());
        for (String word : c.messageMentions()) {
            assertThat(e.getMessage()).as(c.name()).containsIgnoringCase(word);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusals_cost_no_more_than_parsing_a_header(Case c) {
        refusal(c);

        long before = THREADS.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        refusal(c);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        if (c.expected() == Kind.TOO_LARGE) {
            assertThat(allocated).as("%s: heap bytes allocated by the refusal", c.name())
                    .isLessThan(MAX_BYTES_ALLOCATED_BY_A_REFUSAL);
        }
        assertThat(millis).as("%s: refusal time in ms", c.name()).isLessThan(1_000);
    }

    private static ImageRejectedException refusal(Case c) {
        ImageDecoder decoder = new ImageDecoder();
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(c.bytes()));
        assertThat(e).as("%s must be refused, not decoded", c.name()).isNotNull();
        return e;
    }
}
