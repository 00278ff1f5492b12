package org.tideline.server.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.tideline.server.bank.SignalType;

/** Reading lists in tests, and made-up hashes (random hex: no real content behind any of them). */
final class Lists {

    private Lists() {}

    static List<ListRecord> read(HashListFormat format, String text, ImportOptions options) {
        try (RecordReader reader = format.reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                options)) {
            List<ListRecord> out = new ArrayList<>();
            for (Optional<ListRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
                out.add(r.get());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ListRecord> read(HashListFormat format, String text) {
        return read(format, text, ImportOptions.of(format));
    }

    /** A hex hash of the type's length, different for each seed, never all zeros. */
    static String hash(SignalType type, long seed) {
        int bytes = switch (type) {
            case PDQ, SHA256 -> 32;
            case MD5 -> 16;
            case SHA1 -> 20;
        };
        byte[] b = new byte[bytes];
        new Random(seed * 31 + type.ordinal()).nextBytes(b);
        b[0] = (byte) (b[0] | 1);
        return HexFormat.of().formatHex(b);
    }
}
