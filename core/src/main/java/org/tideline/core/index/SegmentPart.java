package org.tideline.core.index;

import java.nio.charset.StandardCharsets;

/**
 * A segment in an index, with its liveness flags and, once committed, the files that hold it.
 *
 * @param number       the segment's number in its index (names its file)
 * @param persisted    whether the segment's file exists in the index directory
 * @param livenessFile the liveness file last written for it, or {@code ""}
 */
record SegmentPart(Segment segment, LiveBits live, long number, boolean persisted, String livenessFile)
        implements Part {

    @Override
    public int count() {
        return segment.count();
    }

    @Override
    public void search(long[] query, int threshold, Kernels kernels, Probes probes, Hits hits) {
        SegmentSearch.search(segment, query, threshold, kernels, probes, hits);
    }

    @Override
    public void searchMany(long[][] queries, int threshold, Kernels kernels, Probes probes, Hits[] hits) {
        SegmentSearch.searchMany(segment, queries, threshold, kernels, probes, hits);
    }

    @Override
    public void words(int ordinal, long[] out, int offset) {
        segment.words(ordinal, out, offset);
    }

    @Override
    public String id(int ordinal) {
        return segment.id(ordinal);
    }

    @Override
    public boolean idEquals(int ordinal, String id) {
        return segment.ids().idEquals(ordinal, id.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public long searchBytes() {
        return segment.searchBytes() + live.bytes();
    }

    @Override
    public long idBytes() {
        return segment.idBytes();
    }

    SegmentPart persistedAs(String liveness) {
        return new SegmentPart(segment, live, number, true, liveness);
    }
}
