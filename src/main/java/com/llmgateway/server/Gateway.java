package com.llmgateway.server;

import com.llmgateway.admin.AdminApi;
import com.llmgateway.config.Settings;
import com.llmgateway.health.ProviderHealth;
import com.llmgateway.health.TransitionLog;
import com.llmgateway.metrics.GatewayMetrics;
import com.llmgateway.metrics.LogWriterStats;
import com.llmgateway.proxy.CompositeExchangeListener;
import com.llmgateway.proxy.ExchangeListener;
import com.llmgateway.proxy.KeyUsageRecorder;
import com.llmgateway.proxy.ProxyHandler;
import com.llmgateway.proxy.RoutingState;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.security.GatewayKeys;
import com.llmgateway.security.SecretCipher;
import com.llmgateway.store.ApiKeyStore;
import com.llmgateway.store.ConfigSync;
import com.llmgateway.store.Database;
import com.llmgateway.store.LogRetention;
import com.llmgateway.store.LogWriter;
import com.llmgateway.store.RequestLogStore;
import com.llmgateway.store.SnapshotLoader;
import com.llmgateway.usage.RequestAccountant;
import com.llmgateway.web.ConsoleBundle;
import com.llmgateway.web.ConsoleRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: the database, the live routing snapshot, the HTTP listener. {@link #start} builds the whole
 * object graph by hand, in the order a reader would draw it.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    /** One HTTP listener per core: each runs on its own event loop. */
    static final int LISTENER_INSTANCES = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** How often {@code api_keys.last_used_at} is written from the in-memory record of key uses. */
    static final long KEY_USAGE_FLUSH_MS = 5_000;

    private final Settings settings;
    private final Vertx vertx;
    private final Database database;
    private final SnapshotHolder snapshots;
    private final ConfigSync config;
    private final ProxyHandler proxy;
    private final KeyUsageWriter keyUsageWriter;
    private final LogRetention logRetention;
    private final Listeners server;
    private final LogWriter logWriter;

    private Gateway(Settings settings, Vertx vertx, Database database, Parts parts, Listeners server) {
        this.settings = settings;
        this.vertx = vertx;
        this.database = database;
        this.snapshots = parts.snapshots();
        this.config = parts.config();
        this.proxy = parts.proxy();
        this.keyUsageWriter = parts.keyUsageWriter();
        this.logWriter = parts.logWriter();
        this.logRetention = parts.logRetention();
        this.server = server;
    }

    /** What {@link #start} builds between the database and the listener. */
    private record Parts(
            SnapshotHolder snapshots,
            ConfigSync config,
            ProxyHandler proxy,
            KeyUsageWriter keyUsageWriter,
            LogWriter logWriter,
            LogRetention logRetention) {}

    /** Opens the database, runs migrations, loads the snapshot and listens; blocks until it is serving. */
    public static Gateway start(Settings settings) {
        return start(settings, record -> LOG.debug("Exchange finished: {}", record.traceId()));
    }

    /** Starts with {@code listener} receiving every finished exchange (after the request log writer). */
    public static Gateway start(Settings settings, ExchangeListener listener) {
        Database database = Database.open(settings.database());
        Vertx vertx = Vertx.vertx(new VertxOptions());
        SnapshotHolder snapshots = new SnapshotHolder();
        // Request log: one row per finished exchange, accounted (tokens, cost) and written off the request path.
        LogWriter logWriter = LogWriter.start(database, new RequestAccountant(snapshots::get), settings.logs());
        try {
            SecretCipher cipher = SecretCipher.fromSettings(settings);
            KeyUsageRecorder keyUsage = new KeyUsageRecorder();
            // Metrics first among the listeners, so a scrape right after an answer already counts it.
            GatewayMetrics metrics =
                    new GatewayMetrics(settings, snapshots, GatewayMetrics.TokenSource.PROVIDER_REPORTED);
            metrics.bindLogWriter(logStats(logWriter));
            // Routing state: strategies, latency and provider health, kept across snapshots; transitions logged and
            // counted.
            RoutingState routing = RoutingState.standard(new TransitionLog().andThen(metrics));
            routing.follow(snapshots);
            metrics.bindHealth(routing.health());
            ExchangeListener listeners = CompositeExchangeListener.of(metrics, logWriter, listener);
            ProxyHandler proxy = new ProxyHandler(vertx, settings, snapshots, keyUsage, listeners, metrics, routing);
            ConfigSync config = new ConfigSync(new SnapshotLoader(database, cipher), snapshots);
            config.reload();
            ApiKeyStore apiKeys =
                    new ApiKeyStore(database, new GatewayKeys(settings.apiKeyPrefix(), settings.apiKeyLength()));
            KeyUsageWriter keyUsageWriter = new KeyUsageWriter(vertx, keyUsage, apiKeys, KEY_USAGE_FLUSH_MS);
            // Log retention: daily at LOG_CLEANUP_HOUR server local time, deleting in short chunks.
            LogRetention logRetention =
                    new LogRetention(vertx, new RequestLogStore(database), Clock.systemDefaultZone());
            logRetention.scheduleDaily(
                    settings.logs().cleanupHour(), settings.logs().retentionDays());

            Router router = Router.router(vertx);
            // Console (package web): located first because without one "/" keeps describing the service.
            Optional<ConsoleBundle> console =
                    ConsoleBundle.locate(settings.frontendDistDir(), Gateway.class.getClassLoader());
            Routes.mount(router, settings, proxy, new Readiness(vertx, database, config), console.isEmpty());
            AdminApi admin = new AdminApi(vertx, settings, database, cipher, config, routing.health());
            router.route("/api/*").subRouter(admin.router());
            Routes.mountMetrics(router, admin.guard(), metrics);
            // Console last: it answers only what no route above took, and never /v1, /api, /health or /metrics.
            console.ifPresent(bundle -> ConsoleRoutes.mount(router, bundle));
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(settings.host())
                    .setPort(settings.port())
                    .setCompressionSupported(false)
                    .setHandle100ContinueAutomatically(true)
                    .setIdleTimeout(0);
            Listeners server = Listeners.start(vertx, options, router, LISTENER_INSTANCES);
            LOG.info("{} listening on http://{}:{}", settings.appName(), settings.host(), server.port());
            // From now on, changes made through other instances on the same database reach this one's snapshot.
            config.watch(database, ConfigSync.DEFAULT_CHECK_INTERVAL);
            return new Gateway(
                    settings,
                    vertx,
                    database,
                    new Parts(snapshots, config, proxy, keyUsageWriter, logWriter, logRetention),
                    server);
        } catch (RuntimeException e) {
            vertx.close();
            logWriter.close();
            database.close();
            throw e;
        }
    }

    private static LogWriterStats logStats(LogWriter writer) {
        return new LogWriterStats() {
            @Override
            public long queued() {
                return writer.queued();
            }

            @Override
            public long written() {
                return writer.written();
            }

            @Override
            public long spilled() {
                return writer.spilled();
            }

            @Override
            public long dropped() {
                return writer.dropped();
            }

            @Override
            public int queueDepth() {
                return writer.queueDepth();
            }

            @Override
            public long queuedBytes() {
                return writer.queuedBytes();
            }
        };
    }

    /** The port actually bound (useful when {@code PORT=0}). */
    public int port() {
        return server.port();
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    /** The live routing snapshot, reloaded after every admin write, on this instance or another on its database. */
    public SnapshotHolder snapshots() {
        return snapshots;
    }

    /** The request log writer: its counters (queued, written, spilled, dropped, queue depth). */
    public LogWriter logWriter() {
        return logWriter;
    }

    /** The health of providers, learnt from traffic (tests read and reset it). */
    public ProviderHealth health() {
        return proxy.health();
    }

    /** Writes the key uses recorded so far now (tests; shutdown does it too). */
    public void flushKeyUsage() {
        keyUsageWriter.flushNow();
    }

    /**
     * Stops cleanly: no new connections or requests, in-flight requests get {@code SHUTDOWN_GRACE_SECONDS} to finish
     * (then their connections are closed), and every request log row is written (or spilled) before the database
     * closes.
     */
    @Override
    public void close() {
        Duration grace = settings.logs().shutdownGrace();
        try {
            await(server.shutdown(grace), grace.plusSeconds(60));
            proxy.close();
            keyUsageWriter.close();
            logRetention.close();
            config.close();
        } finally {
            try {
                await(vertx.close());
            } finally {
                try {
                    // After the event loops stopped: the exchanges cut at the end of the grace period have been logged.
                    logWriter.close();
                } finally {
                    database.close();
                }
            }
        }
    }

    static <T> T await(Future<T> future) {
        return await(future, Duration.ofSeconds(60));
    }

    static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }
}
