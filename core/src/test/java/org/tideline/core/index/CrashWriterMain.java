package org.tideline.core.index;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.tideline.core.pdq.PdqHash;

/**
 * A writer for {@link CrashSafetyTest} to kill: adds batches of deterministic entries, removes and disables some
 * earlier ones, commits, and prints "committed B" after each commit of batch B, forever.
 */
public final class CrashWriterMain {

    static final int BATCH = 150;

    private CrashWriterMain() {
    }

    /** Entry {@code i}: a hash from a fixed seed, so that the parent can recompute every batch. */
    static PdqHash hash(int i) {
        SplittableRandom rnd = new SplittableRandom(0x5EEDL * 1_000_003 + i);
        return new PdqHash(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }

    /** Batch b removes entry b*7 and disables entry b*11 (once they exist). */
    static int removedIn(int batch) {
        return batch * 7;
    }

    static int disabledIn(int batch) {
        return batch * 11 + 1;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (HashIndex<PdqHash> index = HashIndex.builder(HashType.PDQ).directory(dir).bufferSize(1024).open()) {
            for (int batch = 0; ; batch++) {
                for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) index.add(hash(i), Integer.toString(i));
                index.remove(hash(removedIn(batch)), Integer.toString(removedIn(batch)));
                index.disable(hash(disabledIn(batch)), Integer.toString(disabledIn(batch)));
                index.commit();
                System.out.println("committed " + batch);
                System.out.flush();
            }
        }
    }
}
