package com.llmgateway.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Main of the fast mock upstream (OpenAI and Anthropic formats, stream and non-stream).
 *
 * <pre>
 * java -cp llm-gateway-bench.jar com.llmgateway.bench.MockUpstream --port 9000 [--host 127.0.0.1]
 *     [--event-loops 1] [--latency-ms 0] [--chunks 20] [--chunk-delay-ms 0] [--status 200]
 * </pre>
 *
 * Each default can be overridden per request with the {@code x-mock-latency-ms}, {@code x-mock-chunks},
 * {@code x-mock-chunk-delay-ms} and {@code x-mock-status} headers.
 */
public final class MockUpstream {
    private MockUpstream() {}

    public static void main(String[] args) {
        Args options = Args.parse(args);
        int port = options.intValue("port", 0);
        String host = options.text("host", "127.0.0.1");
        int eventLoops = options.intValue("event-loops", 1);
        MockBehaviour defaults = new MockBehaviour(
                options.longValue("latency-ms", 0),
                options.intValue("chunks", 20),
                options.longValue("chunk-delay-ms", 0),
                options.intValue("status", 200));
        if (port <= 0) {
            // Instances share a port only when it is known up front; run.sh picks a free one.
            throw new IllegalArgumentException("--port must be a free port number");
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        vertx.deployVerticle(
                        () -> new MockServer(host, port, defaults), new DeploymentOptions().setInstances(eventLoops))
                .onSuccess(id -> System.out.println("mock upstream listening on http://" + host + ":" + port + " ("
                        + eventLoops + " event loop(s), " + defaults + ")"))
                .onFailure(failure -> {
                    System.err.println("mock upstream could not start: " + failure.getMessage());
                    System.exit(1);
                });
    }
}
