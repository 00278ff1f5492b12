package org.tideline.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.audit.AuditVerdict;
import org.tideline.server.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tideline audit verify}: walks the hash chain of the audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the audit log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify the audit log's hash chain: finds any record edited, deleted, inserted or re-ordered.",
                    "Exit code 0 when intact, 1 when broken."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Option(names = "--expect-head", paramLabel = "HASH",
                description = "The head hash printed by an earlier verify and kept elsewhere: also proves the log was not"
                        + " rewritten wholesale since (the chain then must still contain it).")
        String expectHead;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.open(database.config()); AuditLog audit = new AuditLog(db, Clock.systemUTC())) {
                AuditVerdict v = audit.verify();
                if (!v.intact()) {
                    out.println("BROKEN after " + v.records() + " good records: " + v.firstProblem().orElseThrow());
                    return 1;
                }
                if (expectHead != null && !audit.containsHash(expectHead)) {
                    out.println("BROKEN: the chain no longer contains the expected head " + expectHead
                            + " (the log was rewritten)");
                    return 1;
                }
                out.println("intact: " + v.records() + " records; head " + v.headHash());
                return 0;
            }
        }
    }
}
