/**
 * Media a hotline captured: stored encrypted, kept for a retention period, then destroyed in a way that can be
 * checked; and shown to analysts blurred and greyscale until one of them reveals one item.
 *
 * <p>The public API is {@link org.tideline.server.hotline.media.MediaVault} (store, read, destroy, destroyExpired,
 * verifyDestroyed) with {@link org.tideline.server.hotline.media.MediaKey} (the AES-256 key from the configuration),
 * the values {@link org.tideline.server.hotline.media.StoredMedia} and
 * {@link org.tideline.server.hotline.media.DestructionCheck}, the typed
 * {@link org.tideline.server.hotline.media.MediaVaultException}, and
 * {@link org.tideline.server.hotline.media.Previews}. Encryption ({@code MediaCipher}) and resampling
 * ({@code GreyImage}, {@code Resample}) are package-private.
 *
 * <p>The plaintext of an item is never written anywhere: not to disk, not to a temporary file, not to a log. It
 * exists in memory between capture and encryption and between decryption and use. docs/hotline.md describes the
 * guarantees and their limits.
 */
package org.tideline.server.hotline.media;
