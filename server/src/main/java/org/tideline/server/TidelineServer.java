package org.tideline.server;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.tideline.core.media.MediaHasher;
import org.tideline.server.access.AccessService;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.BankService;
import org.tideline.server.hotline.HotlineService;
import org.tideline.server.hotline.HotlineSettings;
import org.tideline.server.hotline.capture.HostResolver;
import org.tideline.server.http.HttpApi;
import org.tideline.server.match.FloodGuard;
import org.tideline.server.match.MatchService;
import org.tideline.server.store.Database;
import org.tideline.server.store.DatabaseConfig;

/**
 * The whole service, assembled: database, audit log, access, banks, the live matcher and the HTTP API. Closing it
 * stops HTTP first, then snapshots the indexes and flushes the audit log.
 */
public final class TidelineServer implements AutoCloseable {

    /**
     * @param dataDirectory the embedded database (unless {@code database} names PostgreSQL) and index snapshots
     * @param pollInterval how often the matcher reads the change log: the bound on how long a write takes to match
     */
    public record Config(Path dataDirectory, DatabaseConfig database, HttpApi.Settings http, Duration pollInterval,
            FloodGuard.Settings flood, Clock clock, HotlineSettings hotline) {

        /** Everything but the hotline, which gets its defaults. */
        public Config(Path dataDirectory, DatabaseConfig database, HttpApi.Settings http, Duration pollInterval,
                FloodGuard.Settings flood, Clock clock) {
            this(dataDirectory, database, http, pollInterval, flood, clock, HotlineSettings.defaults());
        }

        public static Config embedded(Path dataDirectory) {
            return new Config(dataDirectory, DatabaseConfig.embedded(dataDirectory), HttpApi.Settings.defaults(),
                    Duration.ofMillis(100), FloodGuard.Settings.defaults(), Clock.systemUTC());
        }

        public Config withDatabase(DatabaseConfig db) {
            return new Config(dataDirectory, db, http, pollInterval, flood, clock, hotline);
        }

        public Config withHttp(HttpApi.Settings value) {
            return new Config(dataDirectory, database, value, pollInterval, flood, clock, hotline);
        }

        public Config withFlood(FloodGuard.Settings value) {
            return new Config(dataDirectory, database, http, pollInterval, value, clock, hotline);
        }

        public Config withHotline(HotlineSettings value) {
            return new Config(dataDirectory, database, http, pollInterval, flood, clock, value);
        }
    }

    private final Services services;
    private final HttpApi http;

    private TidelineServer(Services services, HttpApi http) {
        this.services = services;
        this.http = http;
    }

    /** Opens the services without HTTP and without the hotline's background work (for commands and tests). */
    public static Services open(Config config) {
        return open(config, false);
    }

    private static Services open(Config config, boolean background) {
        Database db = Database.open(config.database());
        AuditLog audit = new AuditLog(db, config.clock());
        AccessService access = new AccessService(db, config.clock(), audit);
        BankService banks = new BankService(db, config.clock(), audit);
        MatchService matcher = MatchService.start(db, Optional.of(config.dataDirectory().resolve("index")),
                config.clock(), config.pollInterval(), config.flood(), banks::quarantine);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        MediaHasher hasher = new MediaHasher();
        HotlineService hotline = HotlineService.start(db, config.clock(), audit, access, banks, matcher, hasher,
                config.hotline(), config.dataDirectory(), HostResolver.system(),
                new org.tideline.server.jobs.JobRunner(db, config.clock()), background);
        return new Services(db, audit, access, banks, matcher, hasher, metrics, hotline);
    }

    public static TidelineServer start(Config config) {
        Services services = open(config, true);
        try {
            HttpApi http = HttpApi.create(services, config.http()).start();
            return new TidelineServer(services, http);
        } catch (RuntimeException e) {
            close(services);
            throw e;
        }
    }

    public Services services() {
        return services;
    }

    public HttpApi http() {
        return http;
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.stop();
        close(services);
    }

    /** Closes services opened by {@link #open}. */
    public static void close(Services services) {
        services.hotline().close();
        services.matcher().close();
        services.audit().close();
        services.db().close();
    }
}
