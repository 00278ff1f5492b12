package org.tideline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.tideline.server.Demo;
import org.tideline.server.Logging;
import org.tideline.server.TidelineServer;
import org.tideline.server.hotline.HotlineSettings;
import org.tideline.server.http.HttpApi;
import org.tideline.server.match.FloodGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tideline serve}: the service, on the embedded database unless told otherwise. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the Tideline service: banks, matching, the HMA-compatible API and /v1.",
                "On an empty database it sets up a demo organisation, prints its admin API key once, and fills a bank"
                        + " with hashes of benign generated images."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--max-upload-mb", defaultValue = "50", description = "Largest uploaded file, in MB (default: ${DEFAULT-VALUE}).")
    int maxUploadMb;

    @Option(names = "--hotline", paramLabel = "FILE",
            description = "Hotline settings (a properties file: mode, helplines, forwarding, retention, ...;"
                    + " docs/hotline.md lists them). Default: an assessing hotline run by the first organisation.")
    Path hotlineSettings;

    @Option(names = "--no-demo", description = "Do not set up the demo organisation and bank on an empty database.")
    boolean noDemo;

    @Option(names = "--log-format", defaultValue = "${env:TIDELINE_LOG_FORMAT:-text}",
            description = "text or json (one JSON object per line, for log collectors); default: ${DEFAULT-VALUE}.")
    String logFormat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (logFormat.equalsIgnoreCase("json")) {
            Logging.useJson();
        } else if (!logFormat.equalsIgnoreCase("text")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--log-format must be text or json, not '" + logFormat + "'");
        }
        Files.createDirectories(database.data);
        TidelineServer.Config config = TidelineServer.Config.embedded(database.data)
                .withDatabase(database.config())
                .withHttp(new HttpApi.Settings(host, port, maxUploadMb * 1024L * 1024L))
                .withFlood(FloodGuard.Settings.defaults())
                .withHotline(hotlineSettings == null ? HotlineSettings.defaults() : HotlineSettings.load(hotlineSettings));
        TidelineServer server = TidelineServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tideline-shutdown"));
        String base = "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + server.port();
        out.println("Tideline is serving " + base + " (database: " + config.database().redactedUrl() + ")");
        if (!noDemo) {
            Demo.setUpIfEmpty(server.services(), database.data).ifPresent(setup -> {
                out.println();
                out.println("First start: organisation '" + Demo.ORGANISATION + "' with an admin API key, shown only now:");
                out.println();
                out.println("    " + setup.adminKey().secret());
                out.println();
                out.println("Bank " + Demo.BANK + " holds " + setup.entries() + " benign generated images. Try:");
                out.println("    export TIDELINE_KEY=" + setup.adminKey().secret());
                out.println("    curl -H \"Authorization: Bearer $TIDELINE_KEY\" " + base + "/c/banks");
                if (!setup.sampleImages().isEmpty()) {
                    out.println("    curl -H \"Authorization: Bearer $TIDELINE_KEY\" -F photo=@" + setup.sampleImages().getFirst()
                            + " " + base + "/m/lookup");
                }
                out.println("More keys: tideline admin create-key --data " + database.data + " --org '" + Demo.ORGANISATION
                        + "' --role matcher");
                out.println();
                out.println("Hotline: the public report form is " + base + "/report; analysts log in at " + base
                        + "/hotline. Two demo analysts (passwords shown only now; a second analyst confirms):");
                setup.analysts().forEach((user, password) -> out.println("    " + user + " / " + password));
            });
        }
        server.services().matcher().awaitChange(-1, Duration.ofMinutes(10));
        out.println("Hotline (" + config.hotline().mode().name().toLowerCase().replace('_', '-') + "): public form "
                + base + "/report, analysts " + base + "/hotline");
        out.println("Index ready: " + server.services().matcher().status().sizes() + ". Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return 0;
    }
}
