package com.llmgateway.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.KeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider stand-in: a Vert.x HTTP server on a free port that records every request and answers with queued
 * responders (then with the default one).
 */
public final class FakeUpstream implements AutoCloseable {
    /** What the fake saw. */
    public record Recorded(
            String method, String path, MultiMap headers, byte[] body, long receivedNanos, String httpVersion) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How the fake answers one request. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpServerRequest request, Vertx vertx);
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Queue<Responder> queued = new ConcurrentLinkedQueue<>();
    private final List<AtomicBoolean> cancellations = new CopyOnWriteArrayList<>();
    private volatile Responder fallback;
    private final String scheme;

    private FakeUpstream(Vertx vertx, HttpServer server, Responder fallback, String scheme) {
        this.vertx = vertx;
        this.server = server;
        this.fallback = fallback;
        this.scheme = scheme;
    }

    public static FakeUpstream start(Responder fallback) {
        return start(fallback, new HttpServerOptions(), "http");
    }

    /** A TLS provider offering HTTP/2 and HTTP/1.1 by ALPN, with the given certificate. */
    public static FakeUpstream startTls(Responder fallback, KeyCertOptions certificate) {
        return start(
                fallback,
                new HttpServerOptions().setSsl(true).setUseAlpn(true).setKeyCertOptions(certificate),
                "https");
    }

    private static FakeUpstream start(Responder fallback, HttpServerOptions options, String scheme) {
        Vertx vertx = Vertx.vertx();
        FakeUpstream[] self = new FakeUpstream[1];
        HttpServer server = vertx.createHttpServer(options).requestHandler(request -> self[0].handle(request));
        self[0] = new FakeUpstream(vertx, server, fallback, scheme);
        await(server.listen(0, "127.0.0.1"));
        return self[0];
    }

    private void handle(HttpServerRequest request) {
        AtomicBoolean closed = new AtomicBoolean();
        cancellations.add(closed);
        request.connection().closeHandler(ignored -> closed.set(true));
        request.body().onSuccess(body -> {
            requests.add(new Recorded(
                    request.method().name(),
                    request.uri(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                    body.getBytes(),
                    System.nanoTime(),
                    request.version().alpnName()));
            Responder next = queued.poll();
            (next != null ? next : fallback).respond(request, vertx);
        });
    }

    /** The base URL to register as a provider, including the {@code /v1} version segment. */
    public String baseUrl() {
        // The TLS certificate names localhost; plain HTTP uses the address itself.
        String host = scheme.equals("https") ? "localhost" : "127.0.0.1";
        return scheme + "://" + host + ":" + server.actualPort() + "/v1";
    }

    public FakeUpstream enqueue(Responder... responders) {
        queued.addAll(List.of(responders));
        return this;
    }

    public void setFallback(Responder responder) {
        this.fallback = responder;
    }

    /** Forgets recorded requests and queued responders. */
    public void reset() {
        requests.clear();
        queued.clear();
        cancellations.clear();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded lastRequest() {
        return requests.get(requests.size() - 1);
    }

    public int count() {
        return requests.size();
    }

    /** Whether the connection of the {@code index}-th request has been closed by the gateway. */
    public boolean connectionClosed(int index) {
        return cancellations.get(index).get();
    }

    public static Responder json(int status, String body) {
        return (request, vertx) -> request.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("x-upstream", "fake")
                .end(body);
    }

    /** A JSON answer with extra response headers (a {@code retry-after}, say). */
    public static Responder json(int status, String body, Map<String, String> headers) {
        return (request, vertx) -> {
            HttpServerResponse response = request.response();
            headers.forEach(response::putHeader);
            json(status, body).respond(request, vertx);
        };
    }

    /** Answers as {@code then} does, {@code delay} after the request arrived (a timer, not a sleep). */
    public static Responder delayed(Duration delay, Responder then) {
        return (request, vertx) -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> then.respond(request, vertx));
    }

    /** Sends the events, then stays silent with the stream open until the connection closes. */
    public static Responder sseThenSilence(List<String> events) {
        return (request, vertx) -> {
            HttpServerResponse response = request.response()
                    .setStatusCode(200)
                    .setChunked(true)
                    .putHeader("content-type", "text/event-stream");
            writeEvents(vertx, response, events, 0, Duration.ofMillis(1), () -> {});
        };
    }

    /** Server-sent events, one write per event, {@code gap} apart; the stream ends cleanly. */
    public static Responder sse(List<String> events, Duration gap) {
        return (request, vertx) -> {
            HttpServerResponse response = request.response()
                    .setStatusCode(200)
                    .setChunked(true)
                    .putHeader("content-type", "text/event-stream")
                    .putHeader("cache-control", "no-cache");
            writeEvents(vertx, response, events, 0, gap, () -> response.end());
        };
    }

    /** Sends the events, then drops the connection without ending the response. */
    public static Responder sseThenCut(List<String> events) {
        return (request, vertx) -> {
            HttpServerResponse response = request.response()
                    .setStatusCode(200)
                    .setChunked(true)
                    .putHeader("content-type", "text/event-stream");
            writeEvents(
                    vertx,
                    response,
                    events,
                    0,
                    Duration.ofMillis(20),
                    () -> vertx.setTimer(50, id -> request.connection().close()));
        };
    }

    /** Sends events slowly forever (until the connection closes). */
    public static Responder endlessSse(String event, Duration gap) {
        return (request, vertx) -> {
            HttpServerResponse response = request.response()
                    .setStatusCode(200)
                    .setChunked(true)
                    .putHeader("content-type", "text/event-stream");
            long[] timer = new long[1];
            timer[0] = vertx.setPeriodic(1, gap.toMillis(), id -> {
                if (response.closed() || response.ended()) {
                    vertx.cancelTimer(timer[0]);
                } else {
                    response.write(event);
                }
            });
        };
    }

    /**
     * Writes {@code event} as fast as the connection takes it, up to {@code capBytes}; counts what it wrote and sets
     * {@code blocked} when its write queue is full (the reader stopped reading).
     */
    public static Responder flood(String event, long capBytes, AtomicLong written, AtomicBoolean blocked) {
        return (request, vertx) -> {
            HttpServerResponse response = request.response()
                    .setStatusCode(200)
                    .setChunked(true)
                    .putHeader("content-type", "text/event-stream");
            floodMore(response, event, capBytes, written, blocked);
        };
    }

    private static void floodMore(
            HttpServerResponse response, String event, long capBytes, AtomicLong written, AtomicBoolean blocked) {
        while (!response.closed() && written.get() < capBytes) {
            if (response.writeQueueFull()) {
                blocked.set(true);
                response.drainHandler(ignored -> {
                    blocked.set(false);
                    floodMore(response, event, capBytes, written, blocked);
                });
                return;
            }
            response.write(event);
            written.addAndGet(event.length());
        }
        if (!response.closed()) {
            response.end();
        }
    }

    /** Never answers. */
    public static Responder hang() {
        return (request, vertx) -> {};
    }

    /** Closes the connection without answering. */
    public static Responder dropConnection() {
        return (request, vertx) -> request.connection().close();
    }

    private static void writeEvents(
            Vertx vertx, HttpServerResponse response, List<String> events, int index, Duration gap, Runnable then) {
        if (index >= events.size()) {
            then.run();
            return;
        }
        if (response.closed()) {
            return;
        }
        response.write(events.get(index));
        vertx.setTimer(Math.max(1, gap.toMillis()), id -> writeEvents(vertx, response, events, index + 1, gap, then));
    }

    @Override
    public void close() {
        await(server.close());
        await(vertx.close());
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
