package com.llmgateway.routing;

/** TEMP STUB */
public final class RoundRobin {
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> counters =
            new java.util.concurrent.ConcurrentHashMap<>();

    public int startIndex(String model, int candidateCount) {
        long n = counters.computeIfAbsent(model, m -> new java.util.concurrent.atomic.AtomicLong())
                .getAndIncrement();
        return (int) (n % candidateCount);
    }
}
