package com.llmgateway.proxy;

import java.time.Duration;

/**
 * The retry and failover rules of seed-spec section 6.
 *
 * <p>{@code maxAttemptsPerProvider} counts calls, not retries: 3 means three calls with two pauses between them.
 */
record RetryPolicy(int maxAttemptsPerProvider, Duration delay) {

    /** 2xx and 3xx are answers to relay; everything else is a failed attempt. */
    static boolean isSuccess(int status) {
        return status >= 200 && status < 400;
    }

    /** Server errors and transport errors are retried on the same provider, until its attempts are used up. */
    boolean canRetrySameProvider(Failure failure, int attemptsOnProvider) {
        return isRetryableOnSameProvider(failure) && attemptsOnProvider < maxAttemptsPerProvider;
    }

    /** A status below 500 moves on at once; so does a full pool, since waiting on it only queues behind others. */
    static boolean isRetryableOnSameProvider(Failure failure) {
        return switch (failure.kind()) {
            case UPSTREAM_STATUS -> failure.status() >= 500;
            case CONNECTION, TIMEOUT -> true;
            case POOL_FULL -> false;
        };
    }
}
