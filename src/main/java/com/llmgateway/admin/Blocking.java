package com.llmgateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.store.ConfigSync;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Runs the admin API's JDBC work on worker threads, never on the event loop, and answers with the result. After a
 * write the routing snapshot is reloaded on the same worker before the answer goes out, so the very next proxy request
 * routes by the new configuration (other instances on the same database follow through {@link ConfigSync}).
 */
final class Blocking {
    private final Vertx vertx;
    private final ConfigSync config;

    Blocking(Vertx vertx, ConfigSync config) {
        this.vertx = vertx;
        this.config = config;
    }

    <T> void read(RoutingContext ctx, Callable<T> work, Function<T, JsonNode> render) {
        answer(ctx, 200, run(work).map(render));
    }

    <T> void write(RoutingContext ctx, int status, Callable<T> work, Function<T, JsonNode> render) {
        answer(ctx, status, run(reloadingAfter(work)).map(render));
    }

    /** A write answered 204 No Content. */
    void delete(RoutingContext ctx, Runnable work) {
        run(reloadingAfter(() -> {
                    work.run();
                    return null;
                }))
                .onSuccess(nothing -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    /** Unordered: reads need not queue behind writes, and reloads serialise themselves. */
    private <T> Future<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    private static void answer(RoutingContext ctx, int status, Future<JsonNode> body) {
        body.onSuccess(json -> Responses.json(ctx, status, json)).onFailure(ctx::fail);
    }

    private <T> Callable<T> reloadingAfter(Callable<T> work) {
        return () -> {
            T result = work.call();
            config.reload();
            return result;
        };
    }
}
