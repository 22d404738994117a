package com.llmgateway.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.SplittableRandom;

/**
 * One event loop's share of the mock upstream: answers {@code POST .../chat/completions} in OpenAI's format and
 * {@code POST .../messages} in Anthropic's, streamed when the body says {@code "stream": true}. Several instances
 * share one port (Vert.x spreads connections over their event loops).
 *
 * <p>Random failures ({@link MockBehaviour#failRatio}) are drawn from a generator seeded with {@code seed}, one per
 * instance and used only on its event loop.
 */
final class MockServer extends VerticleBase {
    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private final String host;
    private final int port;
    private final MockBehaviour defaults;
    private final SplittableRandom random;

    MockServer(String host, int port, MockBehaviour defaults, long seed) {
        this.host = host;
        this.port = port;
        this.defaults = defaults;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setIdleTimeout(0)
                .setTcpNoDelay(true)
                .setAcceptBacklog(8192);
        return vertx.createHttpServer(options).requestHandler(this::handle).listen();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        boolean anthropic = path.endsWith("/messages");
        if (!anthropic && !path.endsWith("/chat/completions")) {
            request.response().setStatusCode(404).end();
            return;
        }
        MockBehaviour behaviour = defaults.overriddenBy(request.headers());
        request.body().onSuccess(body -> {
            Answer answer = new Answer(
                    request.response(),
                    anthropic,
                    JsonFlags.isTrue(body, "stream"),
                    JsonFlags.isTrue(body, "include_usage"),
                    behaviour,
                    behaviour.statusFor(random));
            if (behaviour.latencyMs() > 0) {
                vertx.setTimer(behaviour.latencyMs(), id -> answer(answer));
            } else {
                answer(answer);
            }
        });
    }

    /** Everything needed to answer one request. */
    private record Answer(
            HttpServerResponse response,
            boolean anthropic,
            boolean stream,
            boolean includeUsage,
            MockBehaviour behaviour,
            int status) {}

    private void answer(Answer answer) {
        HttpServerResponse response = answer.response();
        if (answer.status() != 200) {
            response.setStatusCode(answer.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(MockResponses.error(answer.anthropic(), answer.status()));
        } else if (answer.stream()) {
            stream(answer);
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(MockResponses.body(answer.anthropic()));
        }
    }

    private void stream(Answer answer) {
        HttpServerResponse response = answer.response();
        boolean anthropic = answer.anthropic();
        int chunks = answer.behaviour().chunks();
        Buffer tail = MockResponses.streamTail(anthropic, chunks, answer.includeUsage());
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        long delay = answer.behaviour().chunkDelayMs();
        if (delay == 0) {
            Buffer all = MockResponses.streamHead(anthropic);
            for (int i = 1; i < chunks; i++) {
                all.appendBuffer(MockResponses.streamChunk(anthropic));
            }
            response.end(all.appendBuffer(tail));
            return;
        }
        response.write(MockResponses.streamHead(anthropic));
        int[] sent = {1};
        long timer = vertx.setPeriodic(delay, id -> {
            if (sent[0] < chunks) {
                sent[0]++;
                response.write(MockResponses.streamChunk(anthropic));
            } else {
                vertx.cancelTimer(id);
                response.end(tail);
            }
        });
        // A client that leaves stops the stream: no timer keeps writing into a closed connection.
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }
}
