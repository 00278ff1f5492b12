package org.tideline.core.index;

/** The recent-additions buffer as one snapshot sees it: its first {@code count} entries. */
record TailPart(Tail tail, int count) implements Part {

    @Override
    public LiveBits live() {
        return tail.live();
    }

    @Override
    public void search(long[] query, int threshold, Kernels kernels, Probes probes, Hits hits) {
        kernels.scan(tail.hi(), tail.lo(), tail.loWords(), query, threshold, 0, count, hits);
    }

    @Override
    public void searchMany(long[][] queries, int threshold, Kernels kernels, Probes probes, Hits[] hits) {
        kernels.scanMany(tail.hi(), tail.lo(), tail.loWords(), queries, threshold, 0, count, hits);
    }

    @Override
    public void words(int ordinal, long[] out, int offset) {
        tail.words(ordinal, out, offset);
    }

    @Override
    public String id(int ordinal) {
        return tail.id(ordinal);
    }

    @Override
    public boolean idEquals(int ordinal, String id) {
        return tail.id(ordinal).equals(id);
    }

    @Override
    public long searchBytes() {
        return 8L * (2 + tail.loWords()) * count + tail.live().bytes();
    }

    @Override
    public long idBytes() {
        long bytes = 0;
        for (int o = 0; o < count; o++) bytes += tail.id(o).length();
        return bytes;
    }
}
