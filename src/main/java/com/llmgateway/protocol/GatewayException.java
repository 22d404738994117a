package com.llmgateway.protocol;

import java.util.Objects;

/**
 * Thrown when a request must be answered with a {@link GatewayError} instead of being proxied. The error is the
 * payload; the exception only carries it to the edge that renders it.
 */
public final class GatewayException extends RuntimeException {
    private final GatewayError error;

    public GatewayException(GatewayError error) {
        // No stack trace: a rejected client request is an expected outcome on the hot path, not a bug to debug.
        super(Objects.requireNonNull(error, "error").message(), null, false, false);
        this.error = error;
    }

    public GatewayError error() {
        return error;
    }
}
