package com.llmgateway.bench;

import io.vertx.core.MultiMap;
import java.util.random.RandomGenerator;

/**
 * What the mock does for one request: wait {@code latencyMs} before answering, stream {@code chunks} content chunks
 * {@code chunkDelayMs} apart, or answer {@code status} with a protocol-shaped error when it is not 200. On top of that,
 * a share {@code failRatio} (0 to 1) of the requests that would have succeeded answer {@code failStatus} instead,
 * drawn from the mock's seeded random numbers: a flaky provider, failing independently request by request.
 *
 * <p>The process-wide defaults come from the command line; a request may override each with an {@code x-mock-*}
 * header, which both proxies forward unchanged (and which a gateway provider's {@code extra_headers} can set), so one
 * mock serves every phase of the benchmark and can play several providers at once.
 */
record MockBehaviour(long latencyMs, int chunks, long chunkDelayMs, int status, double failRatio, int failStatus) {
    static final String LATENCY_HEADER = "x-mock-latency-ms";
    static final String CHUNKS_HEADER = "x-mock-chunks";
    static final String CHUNK_DELAY_HEADER = "x-mock-chunk-delay-ms";
    static final String STATUS_HEADER = "x-mock-status";
    static final String FAIL_RATIO_HEADER = "x-mock-fail-ratio";
    static final String FAIL_STATUS_HEADER = "x-mock-fail-status";

    MockBehaviour {
        if (latencyMs < 0
                || chunks < 1
                || chunkDelayMs < 0
                || status < 100
                || status > 599
                || !(failRatio >= 0 && failRatio <= 1)
                || failStatus < 100
                || failStatus > 599) {
            throw new IllegalArgumentException("bad mock behaviour: latency " + latencyMs + ", chunks " + chunks
                    + ", chunk delay " + chunkDelayMs + ", status " + status + ", fail ratio " + failRatio
                    + ", fail status " + failStatus);
        }
    }

    /** This behaviour with the request's {@code x-mock-*} headers applied. */
    MockBehaviour overriddenBy(MultiMap headers) {
        if (headers.get(LATENCY_HEADER) == null
                && headers.get(CHUNKS_HEADER) == null
                && headers.get(CHUNK_DELAY_HEADER) == null
                && headers.get(STATUS_HEADER) == null
                && headers.get(FAIL_RATIO_HEADER) == null
                && headers.get(FAIL_STATUS_HEADER) == null) {
            return this;
        }
        return new MockBehaviour(
                longOr(headers.get(LATENCY_HEADER), latencyMs),
                (int) longOr(headers.get(CHUNKS_HEADER), chunks),
                longOr(headers.get(CHUNK_DELAY_HEADER), chunkDelayMs),
                (int) longOr(headers.get(STATUS_HEADER), status),
                doubleOr(headers.get(FAIL_RATIO_HEADER), failRatio),
                (int) longOr(headers.get(FAIL_STATUS_HEADER), failStatus));
    }

    /**
     * The status this request answers: {@code status}, or {@code failStatus} for a share {@code failRatio} of the
     * requests. Draws a number only when the ratio is strictly between 0 and 1, so a mock without failures uses none.
     */
    int statusFor(RandomGenerator random) {
        if (status != 200 || failRatio <= 0) {
            return status;
        }
        return failRatio >= 1 || random.nextDouble() < failRatio ? failStatus : status;
    }

    private static long longOr(String value, long fallback) {
        return value == null ? fallback : Long.parseLong(value.trim());
    }

    private static double doubleOr(String value, double fallback) {
        return value == null ? fallback : Double.parseDouble(value.trim());
    }
}
