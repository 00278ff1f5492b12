package org.tideline.core.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configures and opens a {@link HashIndex}.
 *
 * <pre>{@code
 * HashIndex<PdqHash> live = HashIndex.builder(HashType.PDQ).open();                      // in memory
 * HashIndex<PdqHash> disk = HashIndex.builder(HashType.PDQ).directory(dir).open();       // created if absent
 * HashIndex<PdqHash> view = HashIndex.builder(HashType.PDQ).directory(dir).readOnly(true).open();
 * HashIndex<PdqHash> bulk = HashIndex.builder(HashType.PDQ).directory(dir).build(entries); // one segment
 * }</pre>
 */
public final class IndexBuilder<H> {

    /** Entries of the recent-additions buffer, which is searched by a flat scan: a few microseconds. */
    public static final int DEFAULT_BUFFER = 4096;

    private final HashType<H> type;
    private Path directory;
    private boolean readOnly;
    private boolean verifyChecksums = true;
    private int bufferSize = DEFAULT_BUFFER;
    private boolean backgroundMaintenance = true;
    private boolean loadIntoMemory;
    private boolean multiIndex = true;
    private Kernels kernels = Kernels.preferred();

    IndexBuilder(HashType<H> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Persist in this directory (the default is an index held only in memory). */
    public IndexBuilder<H> directory(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Open without the writer lock; updates are refused. Several processes may read one directory. */
    public IndexBuilder<H> readOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return this;
    }

    /**
     * Check every segment's checksums when opening (default true: a damaged file is refused, at about 10 GB/s).
     * Headers and trailers are checked regardless.
     */
    public IndexBuilder<H> verifyChecksums(boolean verify) {
        this.verifyChecksums = verify;
        return this;
    }

    /** Entries in the recent-additions buffer before it becomes a segment (64..1048576, default 4096). */
    public IndexBuilder<H> bufferSize(int entries) {
        if (entries < 64 || entries > (1 << 20)) {
            throw new IllegalArgumentException("buffer size " + entries + " outside 64..1048576");
        }
        this.bufferSize = entries;
        return this;
    }

    /**
     * Convert full buffers and merge segments on a background thread (default), or in the writing thread right
     * after each update that needs it (deterministic; slower writes).
     */
    public IndexBuilder<H> backgroundMaintenance(boolean background) {
        this.backgroundMaintenance = background;
        return this;
    }

    /**
     * After opening (which maps the segment files), copy the segments into memory of the index's own, with
     * transparent huge pages where Linux offers them, on a background thread; each segment is swapped in when
     * copied, and searches run on the mappings meanwhile. Default false: search the mappings, which reads only the
     * pages searches touch and shares them with other processes. Loaded, a search's random reads miss the TLB
     * less (measured: 37% more queries/s at 10M hashes, see docs/index.md), at the cost of a private copy.
     * {@link IndexStats#mappedBytes()} reaches 0 when loading is done.
     */
    public IndexBuilder<H> loadIntoMemory(boolean load) {
        this.loadIntoMemory = load;
        return this;
    }

    /**
     * Whether {@link #build} creates multi-index tables (default true). Without them every search of the built
     * segment is a flat scan: worth it only for a handful of searches, as when matching a few queries against a
     * list once (building costs about 0.7 us per entry; a batch flat scan about 0.5 ns per entry and query).
     * Segments made later from live additions always get tables.
     */
    public IndexBuilder<H> multiIndex(boolean tables) {
        this.multiIndex = tables;
        return this;
    }

    /** For tests and benchmarks: run these kernels instead of the process-wide choice. */
    IndexBuilder<H> kernels(Kernels kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        return this;
    }

    /** Opens the index: in memory (empty), or the directory's newest commit (an empty index if there is none). */
    public HashIndex<H> open() throws IOException {
        if (directory == null) {
            if (readOnly) throw new IllegalStateException("a read-only index needs a directory");
            return IndexLoader.build(type, new EntryBuffer(KeyCodec.of(type).words(), 16), null, true, kernels,
                    bufferSize, backgroundMaintenance);
        }
        return IndexLoader.open(type, directory, readOnly, verifyChecksums, loadIntoMemory, kernels, bufferSize,
                backgroundMaintenance);
    }

    /**
     * Builds an index holding {@code entries} (repeated hash-and-id pairs stored once) as one segment, far faster
     * than adding them one by one. With a directory, which must not already hold an index, the segment is
     * written and committed before this returns. The index returned is open for updates.
     */
    public HashIndex<H> build(Iterable<IndexEntry<H>> entries) throws IOException {
        if (readOnly) throw new IllegalStateException("cannot build a read-only index");
        return IndexLoader.build(type, entries, directory, multiIndex, kernels, bufferSize, backgroundMaintenance);
    }
}
