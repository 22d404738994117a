package com.llmgateway.store;

import java.time.Duration;

/**
 * When to try the database again after a failure: {@code first} after the first failure, doubling after each further
 * one up to {@code max}; back to "now" after a success. Confined to one thread; times are {@link System#nanoTime()}
 * values.
 */
final class Backoff {
    private final long firstNanos;
    private final long maxNanos;
    private long delayNanos;
    private long notBeforeNanos;
    private boolean failing;

    Backoff(Duration first, Duration max) {
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
        this.delayNanos = firstNanos;
    }

    boolean isReady(long nowNanos) {
        return !failing || nowNanos - notBeforeNanos >= 0;
    }

    /** Nanoseconds until {@link #isReady}, 0 when ready. */
    long remainingNanos(long nowNanos) {
        return isReady(nowNanos) ? 0 : notBeforeNanos - nowNanos;
    }

    boolean isFailing() {
        return failing;
    }

    void failed(long nowNanos) {
        notBeforeNanos = nowNanos + delayNanos;
        delayNanos = Math.min(maxNanos, delayNanos * 2);
        failing = true;
    }

    void succeeded() {
        delayNanos = firstNanos;
        failing = false;
    }
}
