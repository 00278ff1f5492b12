package org.tideline.core.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.tideline.core.pdq.PdqHash;

/** Test data: random and clustered PDQ hashes, and the brute-force oracle every search is checked against. */
final class TestHashes {

    private TestHashes() {
    }

    static PdqHash random(SplittableRandom rnd) {
        return new PdqHash(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }

    /** {@code hash} with {@code flips} distinct random bits inverted. */
    static PdqHash flip(PdqHash hash, int flips, SplittableRandom rnd) {
        PdqHash out = hash;
        boolean[] done = new boolean[PdqHash.BITS];
        for (int k = 0; k < flips; ) {
            int bit = rnd.nextInt(PdqHash.BITS);
            if (done[bit]) continue;
            done[bit] = true;
            out = out.flip(bit);
            k++;
        }
        return out;
    }

    static List<PdqHash> randomHashes(int n, SplittableRandom rnd) {
        List<PdqHash> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(random(rnd));
        return out;
    }

    /**
     * Near-duplicate families: a random base and members with 0 to 40 bits flipped (as re-encodings, crops and
     * edits of one image give), 1 to 30 members a family.
     */
    static List<PdqHash> clusteredHashes(int n, SplittableRandom rnd) {
        List<PdqHash> out = new ArrayList<>(n);
        while (out.size() < n) {
            PdqHash base = random(rnd);
            int members = 1 + rnd.nextInt(30);
            for (int m = 0; m < members && out.size() < n; m++) out.add(flip(base, rnd.nextInt(41), rnd));
        }
        return out;
    }

    /** Queries: a third unrelated, a third stored hashes, a third stored hashes with 0-40 bits flipped. */
    static List<PdqHash> queries(List<PdqHash> stored, int n, SplittableRandom rnd) {
        List<PdqHash> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            switch (i % 3) {
                case 0 -> out.add(random(rnd));
                case 1 -> out.add(stored.get(rnd.nextInt(stored.size())));
                default -> out.add(flip(stored.get(rnd.nextInt(stored.size())), rnd.nextInt(41), rnd));
            }
        }
        return out;
    }

    static long[] words(PdqHash h) {
        return new long[] {h.w0(), h.w1(), h.w2(), h.w3()};
    }

    static EntryBuffer buffer(List<PdqHash> hashes) {
        EntryBuffer buffer = new EntryBuffer(4, hashes.size());
        for (int i = 0; i < hashes.size(); i++) buffer.add(words(hashes.get(i)), 0, "id" + i);
        return buffer;
    }

    /** Ordinals within {@code threshold} of the query, by brute force, ascending. */
    static List<Integer> bruteForceOrdinals(List<PdqHash> stored, PdqHash query, int threshold) {
        List<Integer> out = new ArrayList<>();
        for (int o = 0; o < stored.size(); o++) {
            if (stored.get(o).distance(query) <= threshold) out.add(o);
        }
        return out;
    }

    /** The matches a brute-force scan returns, in the index's order: distance, id, hash. */
    static List<Match<PdqHash>> bruteForce(List<IndexEntry<PdqHash>> stored, PdqHash query, int threshold) {
        List<Match<PdqHash>> out = new ArrayList<>();
        for (IndexEntry<PdqHash> e : stored) {
            int d = e.hash().distance(query);
            if (d <= threshold) out.add(new Match<>(e.hash(), e.id(), d));
        }
        out.sort(ORDER);
        return out;
    }

    static final Comparator<Match<PdqHash>> ORDER = Comparator.<Match<PdqHash>>comparingInt(Match::distance)
            .thenComparing(Match::id).thenComparing(m -> m.hash().toHex());

    static List<Kernels> allKernels() {
        List<Kernels> out = new ArrayList<>();
        out.add(Kernels.scalar());
        Kernels.vector(true).ifPresent(out::add);
        return out;
    }
}
