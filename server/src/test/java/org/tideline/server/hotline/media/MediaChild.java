package org.tideline.server.hotline.media;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.tideline.server.store.DatabaseConfig;

/**
 * Run by {@link NoTemporaryFilesTest} in a JVM of its own whose {@code java.io.tmpdir} is a directory the test
 * watches: stores a marked image, reads it back, makes both previews and destroys it, then prints {@code ok}.
 *
 * <p>Arguments: JDBC URL, user, password, media key (base64), marker (text).
 */
public final class MediaChild {

    private MediaChild() {}

    public static void main(String[] args) throws Exception {
        DatabaseConfig config = new DatabaseConfig(args[0], args[1], args[2]);
        byte[] png = TestMedia.markedPng(args[4].getBytes(StandardCharsets.US_ASCII));
        try (MediaFixture f = new MediaFixture(config, MediaKey.fromBase64(args[3]))) {
            long id = f.vault.store(f.orgId, png, "image/png", f.clock.instant().plus(Duration.ofDays(1)));
            StoredMedia read = f.vault.read(id).orElseThrow();
            if (!Arrays.equals(read.bytes(), png)) {
                throw new AssertionError("read back different bytes");
            }
            Previews.blurred(read.bytes(), Previews.DEFAULT_SIDE);
            Previews.greyscale(read.bytes(), Previews.DEFAULT_SIDE);
            read.wipe();
            if (!f.vault.destroy(id, "test")) {
                throw new AssertionError("not destroyed");
            }
        }
        System.out.println("ok");
    }
}
