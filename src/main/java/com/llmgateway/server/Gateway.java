package com.llmgateway.server;

import com.llmgateway.admin.AdminApi;
import com.llmgateway.config.Settings;
import com.llmgateway.proxy.ExchangeListener;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.proxy.KeyUsageRecorder;
import com.llmgateway.proxy.ProxyHandler;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.security.GatewayKeys;
import com.llmgateway.security.SecretCipher;
import com.llmgateway.store.ApiKeyStore;
import com.llmgateway.store.Database;
import com.llmgateway.store.LogWriter;
import com.llmgateway.store.SnapshotLoader;
import com.llmgateway.usage.Accounting;
import com.llmgateway.usage.Cost;
import com.llmgateway.usage.TokenUsage;
import com.llmgateway.usage.UsageSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
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
    private final LogWriter logWriter;

    private Gateway(Settings settings, Vertx vertx, Database database, Parts parts, HttpServer server) {
        this.settings = settings;
        this.vertx = vertx;
        this.database = database;
        this.snapshots = parts.snapshots();
        this.proxy = parts.proxy();
        this.keyUsageWriter = parts.keyUsageWriter();
        this.logWriter = parts.logWriter();
        this.server = server;
    }

    /** What {@link #start} builds between the database and the listener. */
    private record Parts(
            SnapshotHolder snapshots, ProxyHandler proxy, KeyUsageWriter keyUsageWriter, LogWriter logWriter) {}

    /** Opens the database, runs migrations, loads the snapshot and listens; blocks until it is serving. */
    public static Gateway start(Settings settings) {
        return start(settings, record -> LOG.debug("Exchange finished: {}", record.traceId()));
    }

    /** Starts with {@code listener} receiving every finished exchange (after the request log writer). */
    public static Gateway start(Settings settings, ExchangeListener listener) {
        Database database = Database.open(settings.database());
        Vertx vertx = Vertx.vertx(new VertxOptions());
        // Request log (issue 3): one row per finished exchange, written off the request path.
        LogWriter logWriter = LogWriter.start(database, Gateway::reportedUsage, settings.logs());
        try {
            SecretCipher cipher = SecretCipher.fromSettings(settings);
            SnapshotHolder snapshots = new SnapshotHolder();
            KeyUsageRecorder keyUsage = new KeyUsageRecorder();
            ProxyHandler proxy =
                    new ProxyHandler(vertx, settings, snapshots, keyUsage, ExchangeListeners.all(logWriter, listener));
            snapshots.set(new SnapshotLoader(database, cipher).load());
            ApiKeyStore apiKeys =
                    new ApiKeyStore(database, new GatewayKeys(settings.apiKeyPrefix(), settings.apiKeyLength()));
            KeyUsageWriter keyUsageWriter = new KeyUsageWriter(vertx, keyUsage, apiKeys, KEY_USAGE_FLUSH_MS);

            Router router = Router.router(vertx);
            Routes.mount(router, settings, proxy);
            router.route("/api/*").subRouter(new AdminApi(vertx, settings, database, cipher, snapshots).router());
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(settings.host())
                    .setPort(settings.port())
                    .setCompressionSupported(false)
                    .setHandle100ContinueAutomatically(true)
                    .setIdleTimeout(0);
            HttpServer server =
                    await(vertx.createHttpServer(options).requestHandler(router).listen());
            LOG.info("{} listening on http://{}:{}", settings.appName(), settings.host(), server.actualPort());
            return new Gateway(
                    settings, vertx, database, new Parts(snapshots, proxy, keyUsageWriter, logWriter), server);
        } catch (RuntimeException e) {
            vertx.close();
            logWriter.close();
            database.close();
            throw e;
        }
    }

    /**
     * Tokens as the provider reported them, unpriced: the request log's accounting until local estimates and prices
     * are wired in (issue 3, scope items 3 and 4).
     */
    static Accounting reportedUsage(ExchangeRecord record) {
        TokenUsage usage = record.summary().providerUsage();
        return usage.isEmpty() ? Accounting.NONE : new Accounting(usage, UsageSource.PROVIDER, Cost.UNPRICED);
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

    /** The request log writer: its counters (queued, written, spilled, dropped, queue depth). */
    public LogWriter logWriter() {
        return logWriter;
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
            await(server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS), grace.plusSeconds(60));
            proxy.close();
            keyUsageWriter.close();
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
