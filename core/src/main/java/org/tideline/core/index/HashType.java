package org.tideline.core.index;

import org.tideline.core.pdq.PdqHash;

/**
 * The kinds of hash an index holds: PDQ (256-bit perceptual, matched by Hamming distance) and the exact-copy
 * digests MD5, SHA-1 and SHA-256 (matched at distance 0). A closed set: every index is built for one of these.
 *
 * @param <H> the value type of the hash ({@link PdqHash} or {@link Digest})
 */
public sealed interface HashType<H> permits PdqHashType, DigestHashType {

    HashType<PdqHash> PDQ = PdqHashType.INSTANCE;
    HashType<Digest> MD5 = DigestHashType.MD5;
    HashType<Digest> SHA1 = DigestHashType.SHA1;
    HashType<Digest> SHA256 = DigestHashType.SHA256;

    /** Lower-case name used in files and on the command line: {@code pdq}, {@code md5}, {@code sha1}, {@code sha256}. */
    String name();

    /** Number of bits in a hash; distances range over {@code 0..bits()}. */
    int bits();

    /** The distance a plain {@code search(query)} uses: 31 for PDQ (Meta's recommendation), 0 for digests. */
    int defaultThreshold();

    /** Parses the usual hex text form. @throws IllegalArgumentException when the text is not a hash of this type */
    H parse(String text);

    /** The usual hex text form (lower case). */
    String format(H hash);

    /** The type with this {@link #name()}. @throws IllegalArgumentException for an unknown name */
    static HashType<?> named(String name) {
        return switch (name) {
            case "pdq" -> PDQ;
            case "md5" -> MD5;
            case "sha1" -> SHA1;
            case "sha256" -> SHA256;
            default -> throw new IllegalArgumentException("unknown hash type '" + name + "' (pdq, md5, sha1, sha256)");
        };
    }
}
