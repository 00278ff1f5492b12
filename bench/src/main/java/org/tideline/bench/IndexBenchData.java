package org.tideline.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.tideline.core.index.IndexEntry;
import org.tideline.core.pdq.PdqHash;

/**
 * Deterministic benchmark data: uniformly random PDQ hashes, or near-duplicate families (a random base and
 * members with 0-40 bits flipped, 1-30 members a family), generated on the fly so that 100M entries are never
 * held as objects; and the queries a platform would send.
 */
final class IndexBenchData {

    enum Kind { RANDOM, CLUSTERED }

    private final Kind kind;
    private final long size;
    private final long seed;

    private final boolean ids;

    IndexBenchData(Kind kind, long size, long seed, boolean ids) {
        this.kind = kind;
        this.size = size;
        this.seed = seed;
        this.ids = ids;
    }

    static PdqHash random(SplittableRandom rnd) {
        return new PdqHash(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }

    static PdqHash flip(PdqHash h, int bits, SplittableRandom rnd) {
        long[] w = {h.w0(), h.w1(), h.w2(), h.w3()};
        for (int k = 0; k < bits; k++) {
            int b = rnd.nextInt(256);
            w[b >>> 6] ^= 1L << (b & 63);
        }
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }

    /**
     * The entries, ids "e<number>" (or none), in a fixed order; a Collection, so that the index can size its
     * buffer once.
     */
    java.util.Collection<IndexEntry<PdqHash>> entries() {
        return new java.util.AbstractCollection<>() {
            @Override
            public int size() {
                return (int) Math.min(size, Integer.MAX_VALUE);
            }

            @Override
            public Iterator<IndexEntry<PdqHash>> iterator() {
                return generator();
            }
        };
    }

    private Iterator<IndexEntry<PdqHash>> generator() {
        return new Iterator<>() {
            private final SplittableRandom rnd = new SplittableRandom(seed);
            private long made;
            private PdqHash base;
            private int familyLeft;

            @Override
            public boolean hasNext() {
                return made < size;
            }

            @Override
            public IndexEntry<PdqHash> next() {
                if (!hasNext()) throw new NoSuchElementException();
                PdqHash h;
                if (kind == Kind.RANDOM) {
                    h = random(rnd);
                } else {
                    if (familyLeft == 0) {
                        base = random(rnd);
                        familyLeft = 1 + rnd.nextInt(30);
                    }
                    familyLeft--;
                    h = flip(base, rnd.nextInt(41), rnd);
                }
                return new IndexEntry<>(h, ids ? "e" + made++ : nextEmpty());
            }

            private String nextEmpty() {
                made++;
                return "";
            }
        };
    }

    /** The hashes as words, four longs each, for the brute-force baseline. */
    long[] words() {
        long[] w = new long[Math.toIntExact(4 * size)];
        int i = 0;
        for (IndexEntry<PdqHash> e : entries()) {
            w[i++] = e.hash().w0();
            w[i++] = e.hash().w1();
            w[i++] = e.hash().w2();
            w[i++] = e.hash().w3();
        }
        return w;
    }

    /**
     * Queries as uploads to a platform look: most unrelated to anything stored, some near-duplicates of stored
     * hashes (a tenth for random data; half, 0-40 bits away, for clustered data).
     */
    List<PdqHash> queries(int count, long querySeed) {
        SplittableRandom rnd = new SplittableRandom(querySeed);
        int near = kind == Kind.RANDOM ? count / 10 : count / 2;
        List<Long> picks = new ArrayList<>();
        for (int i = 0; i < near; i++) picks.add(rnd.nextLong(size));
        picks.sort(null);
        List<PdqHash> out = new ArrayList<>(count);
        int next = 0;
        long n = 0;
        for (IndexEntry<PdqHash> e : entries()) {
            while (next < picks.size() && picks.get(next) == n) {
                out.add(flip(e.hash(), kind == Kind.RANDOM ? rnd.nextInt(17) : rnd.nextInt(41), rnd));
                next++;
            }
            if (++n > picks.get(picks.size() - 1)) break;
        }
        while (out.size() < count) out.add(random(rnd));
        // interleave near and unrelated deterministically
        java.util.Collections.shuffle(out, new java.util.Random(querySeed));
        return out;
    }
}
