package org.tideline.server.hotline.trace;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One MaxMind-format database (GeoLite2-ASN or GeoLite2-Country, or a commercial equivalent), read with MaxMind's
 * reader. Records are decoded as plain maps rather than into annotated classes: the trace reads two or three fields,
 * and maps keep it independent of how a vendor widens a number type between releases.
 *
 * <p>Opening checks the file, so a corrupt or mistaken database is an error at start-up naming the setting and the
 * reason; {@code expectedType} is matched against the metadata's {@code database_type} by substring ("ASN",
 * "Country"), which catches the two files swapped while accepting vendors' own names (GeoIP2-Country, DBIP-ASN...).
 */
final class MmdbDatabase implements AutoCloseable {

    private final Reader reader;

    private MmdbDatabase(Reader reader) {
        this.reader = reader;
    }

    static MmdbDatabase open(Path file, String setting, String expectedType) {
        if (!Files.isRegularFile(file)) {
            throw new TraceDatabaseException(setting + ": no database file at " + file);
        }
        Reader reader;
        try {
            reader = new Reader(file.toFile(), new CHMCache());
        } catch (IOException | RuntimeException e) {
            throw new TraceDatabaseException(setting + ": " + file + " is not a readable MaxMind DB file ("
                    + e.getMessage() + ")", e);
        }
        String type = reader.getMetadata().databaseType();
        if (type == null || !type.toLowerCase(Locale.ROOT).contains(expectedType.toLowerCase(Locale.ROOT))) {
            closeQuietly(reader);
            throw new TraceDatabaseException(setting + ": " + file + " is a '" + type + "' database, not " + expectedType);
        }
        return new MmdbDatabase(reader);
    }

    /** The record for {@code ip}; empty when the database has none, or when it is IPv4-only and {@code ip} is IPv6. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> lookup(InetAddress ip) throws IOException {
        if (ip instanceof Inet6Address && reader.getMetadata().ipVersion() == 4) {
            return Optional.empty();
        }
        return Optional.ofNullable((Map<String, Object>) reader.get(ip, Map.class));
    }

    String describe() {
        var meta = reader.getMetadata();
        return meta.databaseType() + " built " + meta.buildTime();
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // read-only memory map: nothing to flush
        }
    }
}
