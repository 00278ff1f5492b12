package org.tideline.core.image;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A thread's reusable native input, output and header buffers for the decoders that call C libraries through the
 * FFM API (libjpeg-turbo, libwebp): allocating and zero-filling a fresh 2.4 MB output buffer per photo cost more
 * than the copy out of it. Buffers up to {@link #REUSED_BUFFER_BYTES} are kept for the thread's life; larger ones
 * come from the caller's per-call arena and go with it. A thread runs one decode at a time, so one set per thread
 * serves every native decoder.
 */
final class NativeBuffers {

    static final long REUSED_BUFFER_BYTES = 64L * 1024 * 1024;
    private static final long MIN_INPUT_BYTES = 1 << 20;
    private static final ThreadLocal<NativeBuffers> PER_THREAD = ThreadLocal.withInitial(NativeBuffers::new);

    private final Arena arena = Arena.ofAuto();
    /** Four ints for the out-parameters of the libraries' header calls (width, height, ...). */
    final MemorySegment header = arena.allocate(ValueLayout.JAVA_INT, 4);
    private MemorySegment input = MemorySegment.NULL;
    private MemorySegment output = MemorySegment.NULL;

    private NativeBuffers() {
    }

    static NativeBuffers forCurrentThread() {
        return PER_THREAD.get();
    }

    MemorySegment input(Arena perCall, long bytes) {
        if (bytes > REUSED_BUFFER_BYTES) return perCall.allocate(bytes);
        if (input.byteSize() < bytes) input = arena.allocate(Math.max(bytes, MIN_INPUT_BYTES));
        return input;
    }

    MemorySegment output(Arena perCall, long bytes) {
        if (bytes > REUSED_BUFFER_BYTES) return perCall.allocate(bytes);
        if (output.byteSize() < bytes) output = arena.allocate(bytes);
        return output;
    }
}
