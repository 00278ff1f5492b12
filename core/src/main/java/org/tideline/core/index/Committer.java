package org.tideline.core.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes an index's state durable: the buffers' entries become one new segment, every segment not yet on disk is
 * written, liveness files are written for segments whose flags changed, and then a manifest of the next
 * generation names them all (see {@link IndexDirectory} for why a crash never loses a commit). Holds the writer
 * lock throughout, so the state written is one moment's; searches go on meanwhile.
 */
final class Committer {

    private Committer() {
    }

    static void commit(LiveIndex<?> index) throws IOException {
        IndexDirectory dir = index.directory();
        index.writeLock().lock();
        try {
            Snapshot s = index.current();
            List<Part> tails = new ArrayList<>();
            List<SegmentPart> segments = new ArrayList<>();
            for (Part p : s.parts()) {
                if (p instanceof SegmentPart sp) segments.add(sp);
                else if (p.count() > 0) tails.add(p);
            }
            if (!tails.isEmpty()) {
                PartMerger merged = PartMerger.merge(index.type(), tails);
                if (merged.segment() != null) {
                    segments.add(new SegmentPart(merged.segment(), merged.currentFlags(), index.takeSegmentNumber(),
                            false, ""));
                }
            }
            long generation = index.generation() + 1;
            List<Manifest.Ref> refs = new ArrayList<>();
            List<Part> written = new ArrayList<>();
            for (SegmentPart p : segments) {
                if (!p.persisted()) {
                    SegmentFile.write(p.segment(), dir.segmentFile(p.number()));
                }
                String liveness = p.livenessFile();
                boolean flagged = p.live().deletedCount() + p.live().disabledCount() > 0;
                if (p.live().dirty() && (flagged || !liveness.isEmpty())) {
                    liveness = dir.livenessFileName(p.number(), generation);
                    LivenessFile.write(dir.path().resolve(liveness), p.number(), p.count(), p.live());
                }
                refs.add(new Manifest.Ref(p.number(), p.count(), liveness));
                written.add(p.persistedAs(liveness));
            }
            Manifest manifest = new Manifest(index.type().name(), generation, index.nextSegment(), refs);
            dir.writeManifest(manifest);
            index.committed(generation);
            for (Part p : written) p.live().markClean();
            Tail fresh = new Tail(KeyCodec.of(index.type()).words(), index.tailCapacity());
            written.add(new TailPart(fresh, 0));
            index.publish(new Snapshot(written, fresh, s.sequence() + 1));
            dir.deleteUnreferenced(manifest);
        } finally {
            index.writeLock().unlock();
        }
        index.maintenance().wake();
    }
}
