package org.tideline.server.hotline;

import java.security.SecureRandom;

/**
 * Report references such as {@code TL-7K3M-Q9XP}: random (40 bits), so that one reporter's number says nothing
 * about how many reports there are or lets anyone guess another's; in Crockford's alphabet, which has no I, L, O
 * or U, so a number read out over the phone is not misheard.
 */
final class References {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private References() {}

    static String next() {
        StringBuilder b = new StringBuilder("TL-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                b.append('-');
            }
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }
}
