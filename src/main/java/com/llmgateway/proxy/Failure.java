package com.llmgateway.proxy;

import com.llmgateway.health.FailureKind;
import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.OpeningEvents;

/**
 * Why an attempt failed: an upstream status, an error event opening a 200 stream, or a transport problem turned into
 * the synthetic status the original used (seed-spec section 5.4: timeout 504, connection error 502), plus 503 when the
 * provider's connection pool and its wait queue are full. The {@link FailureKind} is what health and the model's error
 * policy judge.
 */
record Failure(FailureKind kind, int status, String message) {
    // FailureClass tells transport failures apart by these statuses.
    static final int CONNECTION_STATUS = 502;
    static final int POOL_FULL_STATUS = 503;
    static final int TIMEOUT_STATUS = 504;

    static Failure status(int status) {
        return new Failure(FailureKind.ofStatus(status), status, "Upstream returned status " + status);
    }

    /** No connection, a connect timeout, or the connection broke before the response could be used. */
    static Failure connection(String detail) {
        return new Failure(FailureKind.TRANSPORT, CONNECTION_STATUS, "Request error: " + detail);
    }

    /** No response headers in time, or the stream went quiet before its first content event. */
    static Failure timeout(String detail) {
        return new Failure(FailureKind.TIMEOUT, TIMEOUT_STATUS, "Request timeout: " + detail);
    }

    static Failure poolFull() {
        return new Failure(
                FailureKind.POOL_FULL,
                POOL_FULL_STATUS,
                "Gateway upstream connection pool is full; retry later or raise UPSTREAM_MAX_WAIT_QUEUE");
    }

    /** A 200 stream whose first event was an error; the status is the one the error stands for. */
    static Failure streamError(OpeningEvents.StreamError error) {
        return new Failure(
                FailureKind.STREAM_ERROR, error.status(), "Upstream stream opened with an error: " + error.message());
    }

    /** True when no upstream response was received (a stream error did come with one). */
    boolean isTransport() {
        return kind == FailureKind.TRANSPORT || kind == FailureKind.TIMEOUT || kind == FailureKind.POOL_FULL;
    }

    /** The error the client gets when this was the last attempt and there is no upstream response to relay. */
    GatewayError toGatewayError() {
        return switch (kind) {
            case TIMEOUT -> GatewayError.of(504, "api_error", "upstream_timeout", message);
            case POOL_FULL -> GatewayError.of(503, "service_unavailable", "upstream_pool_full", message);
            default -> GatewayError.of(502, "api_error", "upstream_error", message);
        };
    }
}
