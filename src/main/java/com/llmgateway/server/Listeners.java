package com.llmgateway.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listeners: one server per event loop on the same port, so connections are spread over every core (a
 * server created outside a verticle would run on a single event loop; the benchmark measured 91% of the CPU on one
 * thread). Vert.x balances accepted connections across the servers sharing a port.
 */
final class Listeners {
    private final List<HttpServer> servers;

    private Listeners(List<HttpServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * Binds {@code instances} servers sharing one port. Vert.x shares a port between servers with the same address;
     * {@code PORT=0} becomes -1, Vert.x's way of letting several servers share one random port.
     */
    static Listeners start(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler, int instances) {
        HttpServerOptions shared =
                options.getPort() == 0 ? new HttpServerOptions(options).setPort(-1) : new HttpServerOptions(options);
        List<HttpServer> servers = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            servers.add(Gateway.await(deploy(vertx, shared, handler)));
        }
        return new Listeners(servers);
    }

    private static Future<HttpServer> deploy(
            Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler) {
        ServerVerticle verticle = new ServerVerticle(options, handler);
        return vertx.deployVerticle(verticle).map(id -> verticle.server);
    }

    int port() {
        return servers.get(0).actualPort();
    }

    /** Graceful: stops accepting, then waits up to {@code grace} for open requests before closing connections. */
    Future<Void> shutdown(Duration grace) {
        List<Future<Void>> all = new ArrayList<>();
        for (HttpServer server : servers) {
            all.add(server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
        }
        return Future.all(all).mapEmpty();
    }

    /** One listener on the event loop Vert.x gives this verticle. */
    private static final class ServerVerticle extends VerticleBase {
        private final HttpServerOptions options;
        private final Handler<HttpServerRequest> handler;
        private volatile HttpServer server;

        ServerVerticle(HttpServerOptions options, Handler<HttpServerRequest> handler) {
            this.options = options;
            this.handler = handler;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(options)
                    .requestHandler(handler)
                    .listen()
                    .onSuccess(s -> server = s);
        }
    }
}
