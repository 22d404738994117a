package com.llmgateway.health;

import java.time.Duration;
import java.util.Arrays;

/**
 * Successes and failures over the last {@code window}, in {@value HealthThresholds#BUCKETS} buckets that are reused
 * as time moves on, so the memory is fixed and old outcomes fall out a bucket at a time. Not thread-safe: its circuit
 * guards it.
 */
final class RollingWindow {
    private static final int BUCKETS = HealthThresholds.BUCKETS;

    private final long bucketMillis;
    private final long[] epochs = new long[BUCKETS];
    private final int[] successes = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];

    RollingWindow(Duration window) {
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
        clear();
    }

    void success(long nowMillis) {
        successes[slot(nowMillis)]++;
    }

    void failure(long nowMillis) {
        failures[slot(nowMillis)]++;
    }

    int requests(long nowMillis) {
        return sum(successes, nowMillis) + sum(failures, nowMillis);
    }

    int failures(long nowMillis) {
        return sum(failures, nowMillis);
    }

    void clear() {
        Arrays.fill(epochs, Long.MIN_VALUE);
        Arrays.fill(successes, 0);
        Arrays.fill(failures, 0);
    }

    /** The bucket of {@code nowMillis}, emptied first if it still holds an older period. */
    private int slot(long nowMillis) {
        long epoch = Math.floorDiv(nowMillis, bucketMillis);
        int slot = (int) Math.floorMod(epoch, (long) BUCKETS);
        if (epochs[slot] != epoch) {
            epochs[slot] = epoch;
            successes[slot] = 0;
            failures[slot] = 0;
        }
        return slot;
    }

    private int sum(int[] counts, long nowMillis) {
        long current = Math.floorDiv(nowMillis, bucketMillis);
        int total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            // A bucket counts while its period is one of the last BUCKETS ones (a clock step back keeps it too).
            if (epochs[i] != Long.MIN_VALUE && current - epochs[i] < BUCKETS) {
                total += counts[i];
            }
        }
        return total;
    }
}
