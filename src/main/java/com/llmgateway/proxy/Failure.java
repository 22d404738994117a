package com.llmgateway.proxy;

import com.llmgateway.protocol.GatewayError;

/**
 * Why an attempt failed: an upstream status, or a transport problem turned into the synthetic status the original
 * used (seed-spec section 5.4: timeout 504, connection error 502), plus 503 when the provider's connection pool and its
 * wait queue are full.
 */
record Failure(Kind kind, int status, String message) {
    // FailureClass tells transport failures apart by these statuses.
    static final int CONNECTION_STATUS = 502;
    static final int POOL_FULL_STATUS = 503;
    static final int TIMEOUT_STATUS = 504;

    enum Kind {
        UPSTREAM_STATUS,
        CONNECTION,
        TIMEOUT,
        POOL_FULL
    }

    static Failure status(int status) {
        return new Failure(Kind.UPSTREAM_STATUS, status, "Upstream returned status " + status);
    }

    static Failure connection(String detail) {
        return new Failure(Kind.CONNECTION, CONNECTION_STATUS, "Request error: " + detail);
    }

    static Failure timeout(String detail) {
        return new Failure(Kind.TIMEOUT, TIMEOUT_STATUS, "Request timeout: " + detail);
    }

    static Failure poolFull() {
        return new Failure(
                Kind.POOL_FULL,
                POOL_FULL_STATUS,
                "Gateway upstream connection pool is full; retry later or raise UPSTREAM_MAX_WAIT_QUEUE");
    }

    boolean isTransport() {
        return kind != Kind.UPSTREAM_STATUS;
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
