package org.tideline.cli;

import java.nio.file.Path;
import org.tideline.server.store.DatabaseConfig;
import picocli.CommandLine.Option;

/** Where the service's data lives: shared by serve, admin and audit. */
final class DatabaseOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory: the embedded database and index snapshots (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "PostgreSQL instead of the embedded database, e.g. jdbc:postgresql://host/tideline?user=u&password=p"
                    + " (or set TIDELINE_DB_URL).")
    String db;

    DatabaseConfig config() {
        return DatabaseConfig.choose(db, data);
    }
}
