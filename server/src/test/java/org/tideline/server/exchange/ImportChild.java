package org.tideline.server.exchange;

import java.nio.file.Path;
import java.time.Clock;
import org.tideline.server.access.AccessService;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Role;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.BankService;
import org.tideline.server.store.Database;
import org.tideline.server.store.DatabaseConfig;

/**
 * Run by {@link ImportKillTest} in a JVM of its own, to be killed: imports a CSV file into a bank of the embedded
 * database in a data directory, printing {@code committed <records>} after every batch.
 *
 * <p>Arguments: data directory, organisation, bank, file.
 */
public final class ImportChild {

    private ImportChild() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        try (Database db = Database.open(DatabaseConfig.embedded(data));
                AuditLog audit = new AuditLog(db, Clock.systemUTC())) {
            var org = new AccessService(db, Clock.systemUTC(), audit).organisation(args[1]).orElseThrow();
            Caller curator = new Caller(org.id(), org.name(), Role.CURATOR, org.operator(), "test:child");
            BankImporter importer = new BankImporter(db, new BankService(db, Clock.systemUTC(), audit), audit,
                    Clock.systemUTC());
            importer.importFile(curator, args[2], Path.of(args[3]), ImportOptions.of(HashListFormat.CSV), p -> {
                System.out.println("committed " + p.records());
                System.out.flush();
            });
            System.out.println("finished");
        }
    }
}
