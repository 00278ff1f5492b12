package org.tideline.server.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database lives: an embedded H2 file in the data directory (the zero-configuration default) or a
 * PostgreSQL server named by a JDBC URL.
 *
 * @param url JDBC URL
 * @param user empty when the URL carries the credentials (or none are needed)
 * @param password empty when the URL carries the credentials
 */
public record DatabaseConfig(String url, String user, String password) {

    /** The environment variable that names a PostgreSQL database when {@code --db} is not given. */
    public static final String URL_VARIABLE = "TIDELINE_DB_URL";

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "unsupported database URL (expected jdbc:postgresql://host/db or jdbc:h2:...): " + redact(url));
        }
    }

    /**
     * The embedded default: an H2 file {@code tideline.mv.db} in {@code dataDirectory}, in PostgreSQL mode so that
     * one set of migrations serves both. {@code AUTO_SERVER} lets a second process (an admin command while the
     * server runs, or a second server) open the same file.
     *
     * <p>{@code WRITE_DELAY=0} writes each commit to the file as it happens. With H2 2.5's default (commits written
     * in the background up to half a second later), a process killed with SIGKILL came back not only without its
     * last commits but inconsistent: rows of a transaction that never committed, and a row left locked by it so
     * that the next {@code FOR UPDATE} on it spun forever (reproduced by ImportKillTest; H2 2.3.232 did not do
     * this). One file write per commit costs little next to that; the import path commits once per 1,000 rows.
     */
    public static DatabaseConfig embedded(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().normalize().resolve("tideline");
        return new DatabaseConfig("jdbc:h2:file:" + file
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE"
                + ";LOCK_TIMEOUT=20000;WRITE_DELAY=0", "sa", "");
    }

    /** A database named by URL; user and password may come from the URL itself. */
    public static DatabaseConfig of(String url) {
        return new DatabaseConfig(url, "", "");
    }

    /**
     * {@code explicitUrl} when given, else {@value #URL_VARIABLE} when set, else the embedded database in
     * {@code dataDirectory}.
     */
    public static DatabaseConfig choose(String explicitUrl, Path dataDirectory) {
        if (explicitUrl != null && !explicitUrl.isBlank()) {
            return of(explicitUrl);
        }
        String fromEnvironment = System.getenv(URL_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return of(fromEnvironment);
        }
        return embedded(dataDirectory);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL with any password parameter removed, for logs and error messages. */
    public String redactedUrl() {
        return redact(url);
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }
}
