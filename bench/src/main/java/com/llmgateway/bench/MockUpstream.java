package com.llmgateway.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Main of the fast mock upstream (OpenAI and Anthropic formats, stream and non-stream).
 *
 * <pre>
 * java -cp llm-gateway-bench.jar com.llmgateway.bench.MockUpstream --port 9000 [--host 127.0.0.1]
 *     [--event-loops 1] [--latency-ms 0] [--chunks 20] [--chunk-delay-ms 0] [--status 200]
 *     [--fail-ratio 0] [--fail-status 500] [--seed 1]
 * </pre>
 *
 * Each default can be overridden per request with the {@code x-mock-latency-ms}, {@code x-mock-chunks},
 * {@code x-mock-chunk-delay-ms}, {@code x-mock-status}, {@code x-mock-fail-ratio} and {@code x-mock-fail-status}
 * headers. {@code --fail-ratio} is the share of requests (0 to 1) that answer {@code --fail-status} instead of
 * succeeding, drawn from random numbers seeded with {@code --seed} (event loop <i>i</i> uses {@code seed + i}).
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
                options.intValue("status", 200),
                Double.parseDouble(options.text("fail-ratio", "0")),
                options.intValue("fail-status", 500));
        long seed = options.longValue("seed", 1);
        if (port <= 0) {
            // Instances share a port only when it is known up front; run.sh picks a free one.
            throw new IllegalArgumentException("--port must be a free port number");
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        AtomicLong seeds = new AtomicLong(seed);
        vertx.deployVerticle(
                        () -> new MockServer(host, port, defaults, seeds.getAndIncrement()),
                        new DeploymentOptions().setInstances(eventLoops))
                .onSuccess(id -> System.out.println("mock upstream listening on http://" + host + ":" + port + " ("
                        + eventLoops + " event loop(s), " + defaults + ")"))
                .onFailure(failure -> {
                    System.err.println("mock upstream could not start: " + failure.getMessage());
                    System.exit(1);
                });
    }
}
