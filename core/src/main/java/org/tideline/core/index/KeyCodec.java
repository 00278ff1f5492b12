package org.tideline.core.index;

/**
 * How a hash type is laid out as 64-bit words, the form the index stores and compares. Implemented by the
 * {@link HashType} constants; kept package-private so that the public type stays small.
 */
sealed interface KeyCodec<H> permits PdqHashType, DigestHashType {

    /** Words per hash: 4 for PDQ and SHA-256, 3 for SHA-1 (the last half-word zero), 2 for MD5. */
    int words();

    /** The type's code in index files. */
    int fileCode();

    void toWords(H hash, long[] out, int offset);

    H fromWords(long[] words, int offset);

    @SuppressWarnings("unchecked")
    static <H> KeyCodec<H> of(HashType<H> type) {
        return (KeyCodec<H>) type;
    }

    static HashType<?> byFileCode(int code) {
        return switch (code) {
            case 1 -> HashType.PDQ;
            case 2 -> HashType.MD5;
            case 3 -> HashType.SHA1;
            case 4 -> HashType.SHA256;
            default -> throw new IllegalArgumentException("unknown hash type code " + code);
        };
    }
}
