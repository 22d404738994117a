package com.llmgateway.server;

import com.llmgateway.admin.AdminApi;
import com.llmgateway.config.Settings;
import com.llmgateway.health.ProviderHealth;
import com.llmgateway.health.TransitionLog;
import com.llmgateway.metrics.GatewayMetrics;
import com.llmgateway.proxy.CompositeExchangeListener;
import com.llmgateway.proxy.ExchangeListener;
import com.llmgateway.proxy.KeyUsageRecorder;
import com.llmgateway.proxy.ProxyHandler;
import com.llmgateway.proxy.RoutingState;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.security.GatewayKeys;
import com.llmgateway.security.SecretCipher;
import com.llmgateway.store.ApiKeyStore;
import com.llmgateway.store.Database;
import com.llmgateway.store.SnapshotLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
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

    /** How often {@code api_keys.last_used_at} is written from the in-memory record of key uses. */
    static final long KEY_USAGE_FLUSH_MS = 5_000;

    private final Settings settings;
    private final Vertx vertx;
    private final Database database;
    private final SnapshotHolder snapshots;
    private final ProxyHandler proxy;
    private final KeyUsageWriter keyUsageWriter;
    private final HttpServer server;

    private Gateway(Settings settings, Vertx vertx, Database database, Parts parts, HttpServer server) {
        this.settings = settings;
        this.vertx = vertx;
        this.database = database;
        this.snapshots = parts.snapshots();
        this.proxy = parts.proxy();
        this.keyUsageWriter = parts.keyUsageWriter();
        this.server = server;
    }

    /** What {@link #start} builds between the database and the listener. */
    private record Parts(SnapshotHolder snapshots, ProxyHandler proxy, KeyUsageWriter keyUsageWriter) {}

    /** Opens the database, runs migrations, loads the snapshot and listens; blocks until it is serving. */
    public static Gateway start(Settings settings) {
        return start(settings, record -> LOG.debug("Exchange finished: {}", record.traceId()));
    }

    /** Starts with {@code listener} receiving every finished exchange. */
    public static Gateway start(Settings settings, ExchangeListener listener) {
        Database database = Database.open(settings.database());
        Vertx vertx = Vertx.vertx(new VertxOptions());
        try {
            SecretCipher cipher = SecretCipher.fromSettings(settings);
            SnapshotHolder snapshots = new SnapshotHolder();
            KeyUsageRecorder keyUsage = new KeyUsageRecorder();
            // Metrics: fed by every exchange (first, so a scrape after a record sees it) and by the proxy's
            // activity. No request-log writer yet, so the log metrics read LogWriterStats.NONE until one is bound.
            GatewayMetrics metrics =
                    new GatewayMetrics(settings, snapshots, GatewayMetrics.TokenSource.PROVIDER_REPORTED);
            // Routing state: strategies, latency and provider health, kept across snapshots; transitions logged and
            // counted.
            RoutingState routing = RoutingState.standard(new TransitionLog().andThen(metrics));
            routing.follow(snapshots);
            metrics.bindHealth(routing.health());
            ProxyHandler proxy = new ProxyHandler(
                    vertx,
                    settings,
                    snapshots,
                    keyUsage,
                    CompositeExchangeListener.of(metrics, listener),
                    metrics,
                    routing);
            snapshots.set(new SnapshotLoader(database, cipher).load());
            ApiKeyStore apiKeys =
                    new ApiKeyStore(database, new GatewayKeys(settings.apiKeyPrefix(), settings.apiKeyLength()));
            KeyUsageWriter keyUsageWriter = new KeyUsageWriter(vertx, keyUsage, apiKeys, KEY_USAGE_FLUSH_MS);

            Router router = Router.router(vertx);
            Routes.mount(router, settings, proxy);
            AdminApi admin = new AdminApi(vertx, settings, database, cipher, snapshots, routing.health());
            router.route("/api/*").subRouter(admin.router());
            Routes.mountMetrics(router, admin.guard(), metrics);
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(settings.host())
                    .setPort(settings.port())
                    .setCompressionSupported(false)
                    .setHandle100ContinueAutomatically(true)
                    .setIdleTimeout(0);
            HttpServer server =
                    await(vertx.createHttpServer(options).requestHandler(router).listen());
            LOG.info("{} listening on http://{}:{}", settings.appName(), settings.host(), server.actualPort());
            return new Gateway(settings, vertx, database, new Parts(snapshots, proxy, keyUsageWriter), server);
        } catch (RuntimeException e) {
            vertx.close();
            database.close();
            throw e;
        }
    }

    /** The port actually bound (useful when {@code PORT=0}). */
    public int port() {
        return server.actualPort();
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    /** The live routing snapshot, reloaded after every admin write. */
    public SnapshotHolder snapshots() {
        return snapshots;
    }

    /** The health of providers, learnt from traffic (tests read and reset it). */
    public ProviderHealth health() {
        return proxy.health();
    }

    /** Writes the key uses recorded so far now (tests; shutdown does it too). */
    public void flushKeyUsage() {
        keyUsageWriter.flushNow();
    }

    @Override
    public void close() {
        try {
            await(server.close());
            proxy.close();
            keyUsageWriter.close();
        } finally {
            try {
                await(vertx.close());
            } finally {
                database.close();
            }
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
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
