package org.tideline.server.hotline.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key media is encrypted with. It comes from the configuration (a key file, or base64 text from the
 * environment) and never goes into the database: only its {@link #keyId() fingerprint} does, so that media read with
 * the wrong key is reported as exactly that.
 *
 * <p>Anyone holding the key and a copy of the database can read every item not yet destroyed, so keep the key file
 * apart from the data directory and its backups. Losing the key loses every item encrypted with it.
 *
 * <p>{@link #toString()} gives the fingerprint only; nothing here prints, logs or returns the key material.
 */
public final class MediaKey {

    /** AES-256. */
    static final int KEY_BYTES = 32;
    /** Fingerprint length: 8 bytes (16 hex digits) of a SHA-256 over the key, enough to tell keys apart. */
    private static final int ID_BYTES = 8;
    /** Domain separation, so the fingerprint is not a plain hash of the key that might be published elsewhere. */
    private static final byte[] ID_LABEL = "tideline media key id v1".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(MediaKey.class);

    private final SecretKey key;
    private final String keyId;

    private MediaKey(byte[] material) {
        this.key = new SecretKeySpec(material, "AES");
        this.keyId = fingerprint(material);
    }

    /** A key given as base64 text (44 characters for 32 bytes), e.g. from an environment variable. */
    public static MediaKey fromBase64(String base64) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's own message quotes the offending character: leave it (and the cause) out.
            throw new IllegalArgumentException("the media key is not valid base64");
        }
        try {
            if (material.length != KEY_BYTES) {
                throw new IllegalArgumentException("the media key must be " + KEY_BYTES + " bytes (AES-256), got "
                        + material.length);
            }
            return new MediaKey(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** Reads a key file written by {@link #createFile}; warns when others than its owner can read it. */
    public static MediaKey load(Path keyFile) {
        try {
            warnIfShared(keyFile);
            byte[] text = Files.readAllBytes(keyFile);
            try {
                return fromBase64(new String(text, StandardCharsets.US_ASCII));
            } finally {
                Arrays.fill(text, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the media key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Generates a new random key and writes it, base64, to a new file readable by its owner only (POSIX mode 600
     * from the moment it exists, where the file system has POSIX permissions). Never overwrites: an existing file
     * (which may hold the only key to existing media) is refused with {@link FileAlreadyExistsException}.
     */
    public static MediaKey createFile(Path keyFile) throws FileAlreadyExistsException {
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        byte[] text = Base64.getEncoder().encode(material);
        try {
            write(keyFile, text);
            return new MediaKey(material);
        } finally {
            Arrays.fill(material, (byte) 0);
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * The key in {@code keyFile}, created there first if there is no such file: the zero-configuration start.
     * Two processes starting together end up with the same key (creation is atomic, the loser reads).
     */
    public static MediaKey loadOrCreate(Path keyFile) {
        if (!Files.exists(keyFile)) {
            try {
                return createFile(keyFile);
            } catch (FileAlreadyExistsException raced) {
                // another process created it between the check and the creation: use theirs
            }
        }
        return load(keyFile);
    }

    /** The key's fingerprint, 16 hex digits, stored with each item it encrypts. */
    public String keyId() {
        return keyId;
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "MediaKey[" + keyId + "]";
    }

    private static void write(Path keyFile, byte[] text) throws FileAlreadyExistsException {
        boolean posix = keyFile.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        // CREATE_NEW with the permissions as a creation attribute: the file never exists with wider permissions,
        // and an existing file is never opened for writing.
        try (FileChannel channel = FileChannel.open(keyFile,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // A key lost in a crash loses every item encrypted with it.
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the media key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static void warnIfShared(Path keyFile) throws IOException {
        if (!keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
        if (!OWNER_ONLY.containsAll(permissions)) {
            LOG.warn("media key file {} is readable by others than its owner ({}); chmod 600 it",
                    keyFile, PosixFilePermissions.toString(permissions));
        }
    }

    private static String fingerprint(byte[] material) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ID_LABEL);
            sha256.update(material);
            return HexFormat.of().formatHex(sha256.digest(), 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
