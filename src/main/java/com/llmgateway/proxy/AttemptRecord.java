package com.llmgateway.proxy;

import java.util.Optional;

/**
 * One call to one provider.
 *
 * @param status the upstream status, or the synthetic status of a transport failure (502, 503, 504)
 * @param transportFailure true when no upstream response was received
 * @param durationMs from sending the request to the response headers (or the failure)
 * @param error what went wrong, empty on success
 */
public record AttemptRecord(
        long providerId,
        String providerName,
        String targetModel,
        int status,
        boolean transportFailure,
        long durationMs,
        Optional<String> error) {

    /** Why it failed, empty on success. */
    public Optional<FailureClass> failureClass() {
        return FailureClass.of(status, transportFailure, error.isPresent());
    }
}
