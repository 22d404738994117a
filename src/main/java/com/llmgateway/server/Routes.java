package com.llmgateway.server;

import com.llmgateway.config.Settings;
import com.llmgateway.metrics.GatewayMetrics;
import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.JsonStrings;
import com.llmgateway.proxy.ProxyHandler;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP surface: health (liveness and readiness), proxy ({@code /v1}), admin ({@code /api}), metrics and JSON 404s
 * for everything unknown under {@code /v1} and {@code /api}. The console, when bundled, is mounted after all of these
 * (package {@code web}).
 */
final class Routes {
    private static final String JSON = "application/json";
    static final String VERSION = "0.1.0";

    private Routes() {}

    /**
     * {@code describeRoot}: answer {@code GET /} with the service's description (seed-spec section 5.1); only when no
     * console is bundled, since with one {@code /} is the console (seed-spec section 13, item 5).
     */
    static void mount(Router router, Settings settings, ProxyHandler proxy, Readiness readiness, boolean describeRoot) {
        // Liveness: the process answers. Readiness: it can serve (database, migrations, snapshot).
        router.get("/health").handler(ctx -> json(ctx, 200, "{\"status\":\"healthy\"}"));
        router.get("/health/ready").handler(readiness::handle);
        if (describeRoot) {
            String about = "{\"name\":" + JsonStrings.quote(settings.appName()) + ",\"version\":\"" + VERSION
                    + "\",\"description\":\"LLM Gateway - Model Routing & Proxy Service\"}";
            router.get("/").handler(ctx -> json(ctx, 200, about));
        }
        proxy.mount(router);
        router.route("/v1/*").last().handler(Routes::notFound);
        router.route("/api/*").last().handler(Routes::notFound);
        // What the router itself rejects (a malformed path, an unhandled failure) is still answered in JSON.
        router.errorHandler(400, ctx -> error(ctx, GatewayError.invalidRequest("bad_request", "Malformed request")));
        router.errorHandler(
                500, ctx -> error(ctx, GatewayError.of(500, "api_error", "internal_error", "Internal server error")));
        // Paths nobody answers (with a console: /health/x, /metrics/x, a POST to a page) get JSON, never HTML.
        router.errorHandler(404, Routes::notFound);
        router.errorHandler(
                405,
                ctx -> error(
                        ctx,
                        GatewayError.of(405, "invalid_request_error", "method_not_allowed", "Method not allowed")));
    }

    private static void error(RoutingContext ctx, GatewayError error) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response()
                .setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(Buffer.buffer(error.openAiBody()));
    }

    /** {@code GET /metrics}: Prometheus text, behind the admin API's guard. */
    static void mountMetrics(Router router, Handler<RoutingContext> guard, GatewayMetrics metrics) {
        router.get("/metrics")
                .handler(guard)
                .handler(ctx -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, GatewayMetrics.CONTENT_TYPE)
                        .end(metrics.scrape()));
    }

    private static void notFound(RoutingContext ctx) {
        GatewayError error = GatewayError.of(
                404,
                "not_found_error",
                "not_found",
                "Unknown path: " + ctx.request().method() + " " + ctx.request().path());
        ctx.response()
                .setStatusCode(404)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(Buffer.buffer(error.openAiBody()));
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(body);
    }
}
