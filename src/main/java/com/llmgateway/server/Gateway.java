package com.llmgateway.server;

import com.llmgateway.admin.AdminApi;
import com.llmgateway.config.Settings;
import com.llmgateway.proxy.ExchangeListener;
import com.llmgateway.proxy.KeyUsageRecorder;
import com.llmgateway.proxy.ProxyHandler;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.security.GatewayKeys;
import com.llmgateway.security.SecretCipher;
import com.llmgateway.store.ApiKeyStore;
import com.llmgateway.store.Database;
import com.llmgateway.store.LogRetention;
import com.llmgateway.store.RequestLogStore;
import com.llmgateway.store.SnapshotLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
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
    private final LogRetention logRetention;
    private final HttpServer server;

    private Gateway(Settings settings, Vertx vertx, Database database, Parts parts, HttpServer server) {
        this.settings = settings;
        this.vertx = vertx;
        this.database = database;
        this.snapshots = parts.snapshots();
        this.proxy = parts.proxy();
        this.keyUsageWriter = parts.keyUsageWriter();
        this.logRetention = parts.logRetention();
        this.server = server;
    }

    /** What {@link #start} builds between the database and the listener. */
    private record Parts(
            SnapshotHolder snapshots, ProxyHandler proxy, KeyUsageWriter keyUsageWriter, LogRetention logRetention) {}

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
            ProxyHandler proxy = new ProxyHandler(vertx, settings, snapshots, keyUsage, listener);
            snapshots.set(new SnapshotLoader(database, cipher).load());
            ApiKeyStore apiKeys =
                    new ApiKeyStore(database, new GatewayKeys(settings.apiKeyPrefix(), settings.apiKeyLength()));
            KeyUsageWriter keyUsageWriter = new KeyUsageWriter(vertx, keyUsage, apiKeys, KEY_USAGE_FLUSH_MS);
            // Log retention: daily at LOG_CLEANUP_HOUR server local time, deleting in short chunks.
            LogRetention logRetention =
                    new LogRetention(vertx, new RequestLogStore(database), Clock.systemDefaultZone());
            logRetention.scheduleDaily(
                    settings.logs().cleanupHour(), settings.logs().retentionDays());

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
                    settings, vertx, database, new Parts(snapshots, proxy, keyUsageWriter, logRetention), server);
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
            logRetention.close();
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
