package com.llmgateway.web;

import com.llmgateway.protocol.GatewayError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the console at {@code /} by the rules of {@link ConsolePaths}: files of the bundle as they are, deep links
 * answered by the index, the gateway's own paths passed on untouched. Files are read on a worker thread, never on the
 * event loop.
 */
public final class ConsoleRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);

    private final ConsoleBundle bundle;

    private ConsoleRoutes(ConsoleBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * Mount after every other route: the console only answers GET and HEAD requests that nothing else took, and never
     * one under {@code /v1}, {@code /api}, {@code /health} or {@code /metrics}.
     */
    public static void mount(Router router, ConsoleBundle bundle) {
        ConsoleRoutes routes = new ConsoleRoutes(bundle);
        router.route().handler(routes::handle);
        LOG.info("Console served from {}", bundle);
    }

    private void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        String path = ctx.normalizedPath();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || ConsolePaths.isReserved(path)) {
            ctx.next();
            return;
        }
        Optional<String> file = ConsolePaths.file(path);
        if (file.isPresent() && ConsolePaths.isAsset(file.get())) {
            serve(ctx, file.get(), false);
        } else if (file.isPresent() && ConsolePaths.mayBeFile(file.get())) {
            serve(ctx, file.get(), true);
        } else {
            serve(ctx, ConsolePaths.INDEX, false);
        }
    }

    /** Sends {@code file}; when it does not exist, the index if {@code orIndex}, else a 404. */
    private void serve(RoutingContext ctx, String file, boolean orIndex) {
        ctx.vertx()
                .executeBlocking(() -> bundle.read(file), false)
                .onSuccess(found -> {
                    if (found.isPresent()) {
                        send(ctx, file, found.get());
                    } else if (orIndex) {
                        serve(ctx, ConsolePaths.INDEX, false);
                    } else {
                        notFound(ctx);
                    }
                })
                .onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, String file, ConsoleFile content) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, ConsolePaths.cacheControl(file))
                .putHeader(HttpHeaders.ETAG, content.etag())
                .putHeader("X-Content-Type-Options", "nosniff");
        if (content.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, content.contentType());
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(content.bytes().length))
                    .end();
        } else {
            response.end(Buffer.buffer(content.bytes()));
        }
    }

    private static void notFound(RoutingContext ctx) {
        GatewayError error = GatewayError.of(
                404,
                "not_found_error",
                "not_found",
                "Unknown path: " + ctx.request().method() + " " + ctx.request().path());
        ctx.response()
                .setStatusCode(404)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(error.openAiBody()));
    }
}
