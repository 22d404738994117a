package com.llmgateway.admin;

import com.llmgateway.config.Settings;
import com.llmgateway.health.ProviderHealth;
import com.llmgateway.security.AdminTokens;
import com.llmgateway.security.GatewayKeys;
import com.llmgateway.security.SecretCipher;
import com.llmgateway.store.ApiKeyStore;
import com.llmgateway.store.ConfigSync;
import com.llmgateway.store.Database;
import com.llmgateway.store.MappingStore;
import com.llmgateway.store.ModelStore;
import com.llmgateway.store.ProviderStore;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Optional;

/**
 * The admin REST API (seed-spec sections 9.1-9.6, and section 14's import, export and log statistics) as a vertx-web
 * sub-router, to be mounted at {@code /api}: auth under {@code /auth/*}, guarded resources under {@code /admin/*}.
 *
 * <p>Contract: every answer is JSON (errors in the {@code {"error":{...}}} envelope, auth failures as {@code
 * {"detail":...}}, validation failures as 422 naming the field); JDBC runs on worker threads; after every successful
 * write the routing snapshot is reloaded ({@link ConfigSync#reload}) before the answer is sent. Paths it does not know fall
 * through to the parent router.
 */
public final class AdminApi {
    /** Admin bodies are small JSON documents; 1 MiB leaves room for large rule sets. */
    public static final long BODY_LIMIT_BYTES = 1024 * 1024;

    private final Router router;
    private final AdminAccess access;

    public AdminApi(
            Vertx vertx,
            Settings settings,
            Database database,
            SecretCipher cipher,
            ConfigSync config,
            ProviderHealth health) {
        Optional<AdminTokens> tokens = settings.admin()
                .map(credentials -> new AdminTokens(credentials, settings.adminTokenTtl(), Clock.systemUTC()));
        access = new AdminAccess(tokens);
        Blocking blocking = new Blocking(vertx, config);
        GatewayKeys keys = new GatewayKeys(settings.apiKeyPrefix(), settings.apiKeyLength());

        router = Router.router(vertx);
        // The guard runs first, so an unauthenticated client cannot make us buffer a body.
        router.route("/admin/*").handler(access);
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        new AuthRoutes(tokens, access).mount(router);
        ProviderStore providers = new ProviderStore(database, cipher);
        ModelStore models = new ModelStore(database);
        // Before the resource routes: their path parameters would take "export", "import" and "health" for an id or a
        // name.
        new ImportExportRoutes(providers, models, blocking).mount(router);
        HealthView healthView = new HealthView(health, config.snapshots());
        healthView.mount(router);
        new ProviderRoutes(providers, blocking, healthView).mount(router);
        new ModelRoutes(models, blocking).mount(router);
        new MappingRoutes(new MappingStore(database), blocking).mount(router);
        new ApiKeyRoutes(new ApiKeyStore(database, keys), blocking).mount(router);
        new LogRoutes(vertx, database, blocking, settings.logs().retentionDays()).mount(router);
        router.route().failureHandler(new Failures(BODY_LIMIT_BYTES));
    }

    /**
     * The admin guard alone, for other routes protected like the admin API ({@code GET /metrics}): with admin
     * credentials configured it needs a valid admin token, without them it answers loopback clients only.
     */
    public Handler<RoutingContext> guard() {
        return access;
    }

    /** Mount with {@code parent.route("/api/*").subRouter(router())}. */
    public Router router() {
        return router;
    }
}
