package com.llmgateway.routing;

import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moving averages (EWMA) of the time to first byte, from real traffic: one per mapping, which {@code least_latency}
 * compares, and one per provider, which the admin API shows.
 *
 * <p>Per mapping because a provider's latency depends on the model it serves: a provider answering a fast chat model
 * for most requests must not look fast for the reasoning model it also serves. Each new sample moves the average by
 * {@link #DEFAULT_SAMPLE_WEIGHT} of the difference, so about the last ten samples dominate.
 *
 * <p>Thread-safe and lock-free. Bounded by the configured providers and mappings when {@link #retainOnly} is called
 * after configuration changes.
 */
public final class LatencyTracker {
    public static final double DEFAULT_SAMPLE_WEIGHT = 0.2;

    private final double sampleWeight;
    private final ConcurrentHashMap<Long, Ewma> byProvider = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Ewma> byMapping = new ConcurrentHashMap<>();

    public LatencyTracker() {
        this(DEFAULT_SAMPLE_WEIGHT);
    }

    /** @param sampleWeight how far one sample moves the average, in (0, 1] */
    public LatencyTracker(double sampleWeight) {
        if (!(sampleWeight > 0 && sampleWeight <= 1)) {
            throw new IllegalArgumentException("sampleWeight must be in (0, 1], got " + sampleWeight);
        }
        this.sampleWeight = sampleWeight;
    }

    /** Adds one measured time to first byte of a call to {@code mappingId} on {@code providerId}. */
    public void record(long providerId, long mappingId, long ttfbMillis) {
        double sample = Math.max(0, ttfbMillis);
        byProvider.computeIfAbsent(providerId, id -> new Ewma()).add(sample, sampleWeight);
        byMapping.computeIfAbsent(mappingId, id -> new Ewma()).add(sample, sampleWeight);
    }

    /** The provider's average over all its mappings in milliseconds, empty before its first sample. */
    public OptionalDouble ofProvider(long providerId) {
        Ewma ewma = byProvider.get(providerId);
        return ewma == null ? OptionalDouble.empty() : ewma.value();
    }

    /** The mapping's average in milliseconds, empty before its first sample. */
    public OptionalDouble ofMapping(long mappingId) {
        Ewma ewma = byMapping.get(mappingId);
        return ewma == null ? OptionalDouble.empty() : ewma.value();
    }

    /** Forgets providers and mappings that are no longer configured. */
    public void retainOnly(Set<Long> providerIds, Set<Long> mappingIds) {
        byProvider.keySet().retainAll(providerIds);
        byMapping.keySet().retainAll(mappingIds);
    }

    /** One average as the bits of a double, NaN until the first sample. */
    private static final class Ewma {
        private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));

        void add(double sample, double weight) {
            bits.updateAndGet(old -> {
                double average = Double.longBitsToDouble(old);
                // The first sample is the average; later ones move it by their weight.
                double next = Double.isNaN(average) ? sample : average + weight * (sample - average);
                return Double.doubleToRawLongBits(next);
            });
        }

        OptionalDouble value() {
            double average = Double.longBitsToDouble(bits.get());
            return Double.isNaN(average) ? OptionalDouble.empty() : OptionalDouble.of(average);
        }
    }
}
