package com.llmgateway.admin;

import com.llmgateway.config.Settings;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.security.AdminTokens;
import com.llmgateway.security.GatewayKeys;
import com.llmgateway.security.SecretCipher;
import com.llmgateway.store.ApiKeyStore;
import com.llmgateway.store.Database;
import com.llmgateway.store.MappingStore;
import com.llmgateway.store.ModelStore;
import com.llmgateway.store.ProviderStore;
import com.llmgateway.store.SnapshotLoader;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Optional;

/**
 * The admin REST API (seed-spec sections 9.1-9.6 and the log statistics of section 14) as a vertx-web sub-router, to
 * be mounted at {@code /api}: auth under {@code /auth/*}, guarded resources under {@code /admin/*}.
 *
 * <p>Contract: every answer is JSON (errors in the {@code {"error":{...}}} envelope, auth failures as {@code
 * {"detail":...}}, validation failures as 422 naming the field); JDBC runs on worker threads; after every successful
 * write the routing snapshot in the given holder is reloaded before the answer is sent. Paths it does not know fall
 * through to the parent router.
 */
public final class AdminApi {
    /** Admin bodies are small JSON documents; 1 MiB leaves room for large rule sets. */
    public static final long BODY_LIMIT_BYTES = 1024 * 1024;

    private final Router router;

    public AdminApi(Vertx vertx, Settings settings, Database database, SecretCipher cipher, SnapshotHolder snapshots) {
        Optional<AdminTokens> tokens = settings.admin()
                .map(credentials -> new AdminTokens(credentials, settings.adminTokenTtl(), Clock.systemUTC()));
        AdminAccess access = new AdminAccess(tokens);
        Blocking blocking = new Blocking(vertx, new SnapshotRefresher(new SnapshotLoader(database, cipher), snapshots));
        GatewayKeys keys = new GatewayKeys(settings.apiKeyPrefix(), settings.apiKeyLength());

        router = Router.router(vertx);
        // The guard runs first, so an unauthenticated client cannot make us buffer a body.
        router.route("/admin/*").handler(access);
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        new AuthRoutes(tokens, access).mount(router);
        new ProviderRoutes(new ProviderStore(database, cipher), blocking).mount(router);
        new ModelRoutes(new ModelStore(database), blocking).mount(router);
        new MappingRoutes(new MappingStore(database), blocking).mount(router);
        new ApiKeyRoutes(new ApiKeyStore(database, keys), blocking).mount(router);
        new LogRoutes(vertx, database, blocking, settings.logs().retentionDays()).mount(router);
        router.route().failureHandler(new Failures(BODY_LIMIT_BYTES));
    }

    /** Mount with {@code parent.route("/api/*").subRouter(router())}. */
    public Router router() {
        return router;
    }
}
