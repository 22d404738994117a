package com.llmgateway.bench;

import org.HdrHistogram.Histogram;

/**
 * What one path did in one phase, summed over its interleaved slices: latency from the intended send time to the last
 * byte and to the first body byte (nanoseconds), counts, and the CPU ticks its processes spent meanwhile. The latency
 * histograms hold successful requests only; {@link #answeredLatency} holds every request that got a status, errors
 * included (the failover scenario, where an error answer is part of what the client sees).
 *
 * <p>Recorded from the load generator's event loops, so {@link #record} is synchronized.
 */
final class Tally {
    private static final long MAX_NANOS = 120_000_000_000L;

    private final Histogram latency = new Histogram(MAX_NANOS, 3);
    private final Histogram firstByte = new Histogram(MAX_NANOS, 3);
    private final Histogram answered = new Histogram(MAX_NANOS, 3);
    private long sent;
    private long ok;
    private long httpErrors;
    private long transportErrors;
    private long proxyTicks;
    private long mockTicks;
    private long clientTicks;
    private long otherTicks;
    private long proxyWrites;
    private long wallNanos;
    private long measuredNanos;
    private String lastFailure;

    synchronized void sent() {
        sent++;
    }

    /** One finished request that was meant to be sent at {@code intendedNanos}. */
    synchronized void record(Outcome outcome, long intendedNanos) {
        if (outcome.status() == 0) {
            transportErrors++;
            lastFailure = outcome.failure();
            return;
        }
        answered.recordValue(Math.max(0, outcome.endNanos() - intendedNanos));
        if (!outcome.ok()) {
            httpErrors++;
            lastFailure = "HTTP " + outcome.status();
            return;
        }
        ok++;
        latency.recordValue(Math.max(0, outcome.endNanos() - intendedNanos));
        firstByte.recordValue(Math.max(0, outcome.firstByteNanos() - intendedNanos));
    }

    /**
     * CPU spent by the proxy, the mock, the load generator and others during one slice whose work took
     * {@code nanos}, and {@code measuredNanos} with the settle time after it (the span of the CPU samples).
     */
    synchronized void addSlice(CpuSample before, CpuSample after, long nanos, long measuredNanos) {
        proxyTicks += after.proxy() - before.proxy();
        mockTicks += after.mock() - before.mock();
        clientTicks += after.client() - before.client();
        proxyWrites += after.proxyWrites() - before.proxyWrites();
        long ours = after.proxy() - before.proxy() + after.mock() - before.mock() + after.client() - before.client();
        otherTicks += Math.max(0, after.machine() - before.machine() - ours);
        wallNanos += nanos;
        this.measuredNanos += measuredNanos;
    }

    synchronized Histogram latency() {
        return latency.copy();
    }

    /** Latency of every request that got a status, successful or not. */
    synchronized Histogram answeredLatency() {
        return answered.copy();
    }

    synchronized Histogram firstByte() {
        return firstByte.copy();
    }

    synchronized long sentCount() {
        return sent;
    }

    synchronized long okCount() {
        return ok;
    }

    synchronized long errorCount() {
        return httpErrors + transportErrors;
    }

    synchronized long httpErrorCount() {
        return httpErrors;
    }

    synchronized long transportErrorCount() {
        return transportErrors;
    }

    synchronized String lastFailure() {
        return lastFailure;
    }

    synchronized long proxyTicks() {
        return proxyTicks;
    }

    synchronized long mockTicks() {
        return mockTicks;
    }

    synchronized long clientTicks() {
        return clientTicks;
    }

    synchronized long proxyWrites() {
        return proxyWrites;
    }

    /** CPU used on the machine by processes other than this path's proxy, the mock and the load generator. */
    synchronized long otherTicks() {
        return otherTicks;
    }

    /** The span over which CPU was sampled: work plus settle time. */
    synchronized long measuredNanos() {
        return measuredNanos;
    }

    synchronized long wallNanos() {
        return wallNanos;
    }
}
