package org.tideline.server.hotline.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over one media item, with a fresh random 96-bit nonce per item and a 128-bit tag (NIST SP 800-38D).
 *
 * <p>The associated data binds the ciphertext to its row: a format label, the row id, the organisation and the
 * SHA-256 of the plaintext. Ciphertext copied into another row, or a row whose organisation or hash was edited,
 * fails the tag check instead of decrypting to the wrong item.
 *
 * <p>Sharp edge: random 96-bit nonces stay safe for up to 2^32 items per key (SP 800-38D, 8.3), far beyond what a
 * hotline stores under one key; rotate the key long before that.
 */
final class MediaCipher {

    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final byte[] AAD_LABEL = "tideline hotline_media v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What is stored: the nonce and the ciphertext with its tag appended. */
    record Sealed(byte[] nonce, byte[] ciphertext) {}

    private final MediaKey key;

    MediaCipher(MediaKey key) {
        this.key = key;
    }

    Sealed seal(long id, long orgId, String sha256, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(id, orgId, sha256));
            return new Sealed(nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JDK: " + e, e);
        }
    }

    /** The plaintext; the tag is checked before any of it is returned. */
    byte[] open(long id, long orgId, String sha256, byte[] nonce, byte[] ciphertext) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(id, orgId, sha256));
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JDK: " + e, e);
        }
    }

    static byte[] associatedData(long id, long orgId, String sha256) {
        byte[] hash = sha256.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(AAD_LABEL.length + 2 * Long.BYTES + hash.length)
                .put(AAD_LABEL).putLong(id).putLong(orgId).put(hash).array();
    }
}
