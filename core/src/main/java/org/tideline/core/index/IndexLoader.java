package org.tideline.core.index;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens an index directory at its newest commit, or bulk-builds a new index. */
final class IndexLoader {

    /** A reader racing a writer's clean-up may find a file gone; it then starts over from the newer manifest. */
    private static final int READ_ATTEMPTS = 5;

    private IndexLoader() {
    }

    static <H> LiveIndex<H> open(HashType<H> type, Path dir, boolean readOnly, boolean verify, boolean load,
                                 Kernels kernels, int tailCapacity, boolean background) throws IOException {
        for (int attempt = 1; ; attempt++) {
            IndexDirectory d = readOnly ? IndexDirectory.openForReading(dir) : IndexDirectory.openForWriting(dir);
            try {
                Manifest manifest = d.latest();
                if (manifest == null) {
                    if (readOnly) throw new NoSuchFileException(dir.toString(), null, "no index here");
                    return new LiveIndex<>(type, kernels, tailCapacity, d, false, List.of(), 0, 0, background);
                }
                if (!manifest.type().equals(type.name())) {
                    throw new IOException("index " + dir + " holds " + manifest.type() + " hashes, not " + type.name());
                }
                List<SegmentPart> parts = load(type, d, manifest, verify);
                if (!readOnly) d.deleteUnreferenced(manifest);
                LiveIndex<H> index = new LiveIndex<>(type, kernels, tailCapacity, d, readOnly, parts,
                        manifest.nextSegment(), manifest.generation(), background);
                if (load) index.loadInBackground();
                return index;
            } catch (NoSuchFileException e) {
                d.close();
                boolean racedCleanUp = readOnly && attempt < READ_ATTEMPTS && !e.getFile().equals(dir.toString());
                if (!racedCleanUp) throw e;
            } catch (IOException | RuntimeException e) {
                d.close();
                throw e;
            }
        }
    }

    private static List<SegmentPart> load(HashType<?> type, IndexDirectory d, Manifest manifest, boolean verify)
            throws IOException {
        List<SegmentPart> parts = new ArrayList<>();
        for (Manifest.Ref ref : manifest.segments()) {
            Path file = d.segmentFile(ref.number());
            Segment segment = SegmentFile.open(file, verify);
            if (segment.count() != ref.count() || segment.type() != type) {
                throw new CorruptIndexException(file.getFileName() + ": does not match the manifest");
            }
            LiveBits live = ref.livenessFile().isEmpty() ? new LiveBits(ref.count())
                    : LivenessFile.read(d.path().resolve(ref.livenessFile()), ref.number(), ref.count());
            parts.add(new SegmentPart(segment, live, ref.number(), true, ref.livenessFile()));
        }
        return parts;
    }

    /**
     * Builds one segment from all entries (duplicates dropped) and, with a directory, writes and commits it. The
     * directory must not already hold an index.
     */
    static <H> LiveIndex<H> build(HashType<H> type, Iterable<IndexEntry<H>> entries, Path dir, boolean multiIndex,
                                  Kernels kernels, int tailCapacity, boolean background) throws IOException {
        KeyCodec<H> codec = KeyCodec.of(type);
        int expected = entries instanceof java.util.Collection<?> c ? (int) Math.min(c.size(), Integer.MAX_VALUE / 8) : 1 << 16;
        EntryBuffer buffer = new EntryBuffer(codec.words(), expected);
        long[] w = new long[codec.words()];
        for (IndexEntry<H> e : entries) {
            codec.toWords(e.hash(), w, 0);
            buffer.add(w, 0, e.id());
        }
        return build(type, buffer, dir, multiIndex, kernels, tailCapacity, background);
    }

    static <H> LiveIndex<H> build(HashType<H> type, EntryBuffer buffer, Path dir, boolean multiIndex,
                                  Kernels kernels, int tailCapacity, boolean background) throws IOException {
        buffer.dedupe();
        ChunkLayout layout = multiIndex ? LayoutPlanner.plan(type, buffer.count())
                : ChunkLayout.flat(KeyCodec.of(type).words(), LayoutPlanner.ordinalBits(buffer.count()));
        if (dir == null) {
            List<SegmentPart> parts = new ArrayList<>();
            if (buffer.count() > 0) {
                Segment segment = SegmentBuilder.build(type, buffer, layout, SegmentBuilder.inMemory());
                parts.add(new SegmentPart(segment, new LiveBits(segment.count()), 0, false, ""));
            }
            return new LiveIndex<>(type, kernels, tailCapacity, null, false, parts, parts.size(), 0, background);
        }
        IndexDirectory d = IndexDirectory.openForWriting(dir);
        try {
            if (d.latest() != null) {
                throw new IOException("index " + dir + " already exists; build into an empty directory");
            }
            List<SegmentPart> parts = new ArrayList<>();
            List<Manifest.Ref> refs = new ArrayList<>();
            if (buffer.count() > 0) {
                Segment segment = SegmentFile.build(type, buffer, layout, d.segmentFile(0));
                parts.add(new SegmentPart(segment, new LiveBits(segment.count()), 0, true, ""));
                refs.add(new Manifest.Ref(0, segment.count(), ""));
            }
            Manifest manifest = new Manifest(type.name(), 1, 1, refs);
            d.writeManifest(manifest);
            d.deleteUnreferenced(manifest);
            return new LiveIndex<>(type, kernels, tailCapacity, d, false, parts, 1, 1, background);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }
}
