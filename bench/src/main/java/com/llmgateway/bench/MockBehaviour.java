package com.llmgateway.bench;

import io.vertx.core.MultiMap;

/**
 * What the mock does for one request: wait {@code latencyMs} before answering, stream {@code chunks} content chunks
 * {@code chunkDelayMs} apart, or answer {@code status} with a protocol-shaped error when it is not 200.
 *
 * <p>The process-wide defaults come from the command line; a request may override each with an {@code x-mock-*}
 * header, which both proxies forward unchanged, so one mock serves every phase of the benchmark.
 */
record MockBehaviour(long latencyMs, int chunks, long chunkDelayMs, int status) {
    static final String LATENCY_HEADER = "x-mock-latency-ms";
    static final String CHUNKS_HEADER = "x-mock-chunks";
    static final String CHUNK_DELAY_HEADER = "x-mock-chunk-delay-ms";
    static final String STATUS_HEADER = "x-mock-status";

    MockBehaviour {
        if (latencyMs < 0 || chunks < 1 || chunkDelayMs < 0 || status < 100 || status > 599) {
            throw new IllegalArgumentException("bad mock behaviour: latency " + latencyMs + ", chunks " + chunks
                    + ", chunk delay " + chunkDelayMs + ", status " + status);
        }
    }

    /** This behaviour with the request's {@code x-mock-*} headers applied. */
    MockBehaviour overriddenBy(MultiMap headers) {
        if (headers.get(LATENCY_HEADER) == null
                && headers.get(CHUNKS_HEADER) == null
                && headers.get(CHUNK_DELAY_HEADER) == null
                && headers.get(STATUS_HEADER) == null) {
            return this;
        }
        return new MockBehaviour(
                longOr(headers.get(LATENCY_HEADER), latencyMs),
                (int) longOr(headers.get(CHUNKS_HEADER), chunks),
                longOr(headers.get(CHUNK_DELAY_HEADER), chunkDelayMs),
                (int) longOr(headers.get(STATUS_HEADER), status));
    }

    boolean fails() {
        return status != 200;
    }

    private static long longOr(String value, long fallback) {
        return value == null ? fallback : Long.parseLong(value.trim());
    }
}
