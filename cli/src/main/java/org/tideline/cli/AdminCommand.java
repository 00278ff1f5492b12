package org.tideline.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tideline.server.ApiException;
import org.tideline.server.access.AccessService;
import org.tideline.server.access.NewApiKey;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tideline admin}: organisations, keys and users, straight on the database (the server may be running). */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Create organisations, API keys and users.",
        subcommands = {AdminCommand.CreateOrg.class, AdminCommand.CreateKey.class, AdminCommand.CreateUser.class})
final class AdminCommand {

    /** Opens just what the admin commands need, and closes it. */
    abstract static class OnDatabase implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Spec
        CommandSpec spec;

        abstract void run(AccessService access, PrintWriter out);

        @Override
        public Integer call() {
            try (Database db = Database.open(database.config()); AuditLog audit = new AuditLog(db, Clock.systemUTC())) {
                run(new AccessService(db, Clock.systemUTC(), audit), spec.commandLine().getOut());
                return 0;
            } catch (ApiException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("tideline admin: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "create-org", mixinStandardHelpOptions = true, description = "Create a member organisation.")
    static final class CreateOrg extends OnDatabase {
        @Option(names = "--name", required = true, description = "Organisation name, unique.")
        String name;

        @Option(names = "--type", required = true, description = "government, law-enforcement, company, hotline,"
                + " civil-society or international-organisation.")
        String type;

        @Override
        void run(AccessService access, PrintWriter out) {
            var org = access.createOrganisation(name, OrgType.parse(type));
            out.println("created organisation '" + org.name() + "' (" + org.type().label() + ")");
        }
    }

    @Command(name = "create-key", mixinStandardHelpOptions = true,
            description = "Create an API key and print it once (only its hash is stored).")
    static final class CreateKey extends OnDatabase {
        @Option(names = "--org", required = true, description = "Organisation name.")
        String org;

        @Option(names = "--role", required = true, description = "admin, curator, analyst, matcher or auditor.")
        String role;

        @Option(names = "--label", defaultValue = "", description = "What the key is for (e.g. upload pipeline).")
        String label;

        @Override
        void run(AccessService access, PrintWriter out) {
            NewApiKey key = access.createApiKey(org, Role.parse(role), label);
            out.println(key.secret());
            spec.commandLine().getErr().println("API key " + key.id() + " for '" + key.organisation() + "' ("
                    + key.role().label() + "); it is shown only now: send it as Authorization: Bearer KEY");
        }
    }

    @Command(name = "create-user", mixinStandardHelpOptions = true,
            description = "Create a user for the web pages; the password is read from standard input.")
    static final class CreateUser extends OnDatabase {
        @Option(names = "--org", required = true, description = "Organisation name.")
        String org;

        @Option(names = "--name", required = true, description = "User name, unique.")
        String name;

        @Option(names = "--role", required = true, description = "admin, curator, analyst, matcher or auditor.")
        String role;

        @Override
        void run(AccessService access, PrintWriter out) {
            char[] password;
            if (System.console() != null) {
                password = System.console().readPassword("password for %s: ", name);
            } else {
                try {
                    String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                    password = line == null ? new char[0] : line.toCharArray();
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("cannot read the password from standard input");
                }
            }
            access.createUser(org, name, password, Role.parse(role));
            out.println("created user '" + name + "' in '" + org + "'");
        }
    }
}
