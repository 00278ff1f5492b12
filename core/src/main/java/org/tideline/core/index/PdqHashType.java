package org.tideline.core.index;

import org.tideline.core.pdq.PdqHash;

/** PDQ: four words, w0 first, exactly {@link PdqHash}'s components. */
final class PdqHashType implements HashType<PdqHash>, KeyCodec<PdqHash> {

    static final PdqHashType INSTANCE = new PdqHashType();
    private static final int DEFAULT_THRESHOLD = 31;

    private PdqHashType() {
    }

    @Override
    public String name() {
        return "pdq";
    }

    @Override
    public int bits() {
        return PdqHash.BITS;
    }

    @Override
    public int defaultThreshold() {
        return DEFAULT_THRESHOLD;
    }

    @Override
    public PdqHash parse(String text) {
        return PdqHash.fromHex(text);
    }

    @Override
    public String format(PdqHash hash) {
        return hash.toHex();
    }

    @Override
    public int words() {
        return 4;
    }

    @Override
    public int fileCode() {
        return 1;
    }

    @Override
    public void toWords(PdqHash hash, long[] out, int offset) {
        out[offset] = hash.w0();
        out[offset + 1] = hash.w1();
        out[offset + 2] = hash.w2();
        out[offset + 3] = hash.w3();
    }

    @Override
    public PdqHash fromWords(long[] words, int offset) {
        return new PdqHash(words[offset], words[offset + 1], words[offset + 2], words[offset + 3]);
    }

    @Override
    public String toString() {
        return name();
    }
}
