package com.llmgateway.proxy;

import com.llmgateway.health.ErrorDecision;
import com.llmgateway.health.ErrorPolicy;
import com.llmgateway.health.FailureKind;
import java.time.Duration;

/**
 * How often and how soon the same provider is tried again (seed-spec section 6); whether it is, is the model's {@link
 * ErrorPolicy}.
 *
 * <p>{@code maxAttemptsPerProvider} counts calls, not retries: 3 means three calls with two pauses between them.
 */
record RetryPolicy(int maxAttemptsPerProvider, Duration delay) {

    /** 2xx and 3xx are answers to relay; everything else is a failed attempt. */
    static boolean isSuccess(int status) {
        return status >= 200 && status < 400;
    }

    /**
     * What to do after a failed attempt: the model's decision for its kind, except that a retry becomes a failover
     * once the provider's calls are used up.
     */
    ErrorDecision decide(ErrorPolicy policy, FailureKind kind, int attemptsOnProvider) {
        ErrorDecision decision = policy.decide(kind);
        if (decision == ErrorDecision.RETRY_SAME_PROVIDER && !hasCallsLeft(attemptsOnProvider)) {
            return ErrorDecision.FAIL_OVER;
        }
        return decision;
    }

    boolean hasCallsLeft(int attemptsOnProvider) {
        return attemptsOnProvider < maxAttemptsPerProvider;
    }
}
