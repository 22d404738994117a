package com.llmgateway.health;

/**
 * A policy the gateway cannot use (error policy, timeouts, health thresholds); the message starts with the field, e.g.
 * {@code first_byte_ms: must be a whole number of milliseconds from 1 to 86400000, got -1}, so the admin API can
 * answer 422 with it.
 */
public final class PolicyException extends Exception {
    public PolicyException(String message) {
        super(message);
    }
}
