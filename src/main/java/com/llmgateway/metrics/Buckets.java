package com.llmgateway.metrics;

import java.time.Duration;

/** Histogram bucket bounds. */
final class Buckets {
    /**
     * From 5 ms (a gateway error, a cached answer) to 10 min (a long reasoning stream); roughly 1-2.5-5 steps, wider
     * past a minute where a few seconds do not matter.
     */
    static final Duration[] LATENCY = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10)
    };

    /** The bucket boundaries the OpenTelemetry GenAI conventions advise for {@code gen_ai.client.token.usage}. */
    static final double[] TOKENS = {
        1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
    };

    private Buckets() {}
}
