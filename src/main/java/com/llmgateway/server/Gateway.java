package com.llmgateway.server;

import com.llmgateway.admin.AdminApi;
import com.llmgateway.config.Settings;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.security.SecretCipher;
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

    private final Settings settings;
    private final Vertx vertx;
    private final Database database;
    private final SnapshotHolder snapshots;
    private final HttpServer server;

    private Gateway(Settings settings, Vertx vertx, Database database, SnapshotHolder snapshots, HttpServer server) {
        this.settings = settings;
        this.vertx = vertx;
        this.database = database;
        this.snapshots = snapshots;
        this.server = server;
    }

    /** Opens the database, runs migrations, loads the snapshot and listens; blocks until it is serving. */
    public static Gateway start(Settings settings) {
        Database database = Database.open(settings.database());
        Vertx vertx = Vertx.vertx(new VertxOptions());
        try {
            SecretCipher cipher = SecretCipher.fromSettings(settings);
            SnapshotHolder snapshots = new SnapshotHolder();
            snapshots.set(new SnapshotLoader(database, cipher).load());
            Router router = Router.router(vertx);
            Routes.mount(router, settings);
            router.route("/api/*").subRouter(new AdminApi(vertx, settings, database, cipher, snapshots).router());
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(settings.host())
                    .setPort(settings.port())
                    .setCompressionSupported(false)
                    .setIdleTimeout(0);
            HttpServer server =
                    await(vertx.createHttpServer(options).requestHandler(router).listen());
            LOG.info("{} listening on http://{}:{}", settings.appName(), settings.host(), server.actualPort());
            return new Gateway(settings, vertx, database, snapshots, server);
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

    @Override
    public void close() {
        try {
            await(server.close());
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
