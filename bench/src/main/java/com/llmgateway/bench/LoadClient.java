package com.llmgateway.bench;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator's HTTP/1.1 client for one path: keep-alive connections, no pipelining, a pool large enough that an
 * open-loop schedule never waits for a connection on the client side. Counts every request that got an answer, so the
 * log check knows how many rows to expect.
 */
final class LoadClient implements AutoCloseable {
    static final long IDLE_TIMEOUT_MS = 30_000;

    private final Target target;
    private final String key;
    private final HttpClientAgent client;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    LoadClient(Vertx vertx, Target target, String key, int maxConnections) {
        this.target = target;
        this.key = key;
        this.client = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(120)
                        .setPipelining(false)
                        .setTcpNoDelay(true)
                        .setConnectTimeout(10_000))
                .with(new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1))
                .build();
    }

    Target target() {
        return target;
    }

    /** Requests that received a status line (any status). */
    long answered() {
        return answered.get();
    }

    /** Requests that failed in transport (refused, reset, timed out). */
    long failed() {
        return failed.get();
    }

    /**
     * Sends {@code call}, runs {@code firstByte} when the first body byte arrives and reports the outcome once, on the
     * caller's event loop. Must be called on a Vert.x context: connections belong to the event loop that asked for
     * them.
     */
    void send(Call call, Runnable firstByte, Handler<Outcome> done) {
        RequestOptions options = call.options(target, key, IDLE_TIMEOUT_MS);
        Buffer body = call.body();
        Once once = new Once(done);
        client.request(options).onComplete(requested -> {
            if (requested.failed()) {
                fail(once, requested.cause());
                return;
            }
            HttpClientRequest request = requested.result();
            request.response().onComplete(responded -> {
                if (responded.failed()) {
                    fail(once, responded.cause());
                } else {
                    read(responded.result(), firstByte, once);
                }
            });
            request.end(body);
        });
    }

    private void read(HttpClientResponse response, Runnable firstByte, Once once) {
        answered.incrementAndGet();
        long[] first = {0};
        response.handler(chunk -> {
            if (first[0] == 0) {
                first[0] = System.nanoTime();
                firstByte.run();
            }
        });
        response.exceptionHandler(failure -> once.accept(Outcome.failed(String.valueOf(failure), System.nanoTime())));
        response.endHandler(v -> {
            long now = System.nanoTime();
            once.accept(new Outcome(response.statusCode(), first[0] == 0 ? now : first[0], now, null));
        });
    }

    private void fail(Once once, Throwable failure) {
        failed.incrementAndGet();
        once.accept(Outcome.failed(String.valueOf(failure), System.nanoTime()));
    }

    @Override
    public void close() {
        client.close();
    }

    /** Reports only the first outcome: a response can both fail and end. */
    private static final class Once implements Handler<Outcome> {
        private Handler<Outcome> target;

        Once(Handler<Outcome> target) {
            this.target = target;
        }

        @Override
        public void handle(Outcome outcome) {
            accept(outcome);
        }

        void accept(Outcome outcome) {
            Handler<Outcome> handler = target;
            target = null;
            if (handler != null) {
                handler.handle(outcome);
            }
        }
    }
}
