package com.llmgateway.metrics;

import com.llmgateway.health.HealthSnapshot;
import com.llmgateway.health.HealthTransition;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.routing.SnapshotHolder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Provider health in metrics (issue 4, item 6): every circuit transition, counted by provider and the state it moved
 * to ({@code gateway_provider_health_transitions_total}), and, read at each scrape, how many of each provider's circuits
 * (its own and its mappings') are in each state ({@code gateway_provider_health_state}). A provider whose circuits have
 * seen no traffic has no series; a series once seen drops to 0 rather than vanishing.
 */
final class HealthMeters {
    /** One gauge series: a provider label and a state name. */
    private record Series(String provider, String state) {}

    private final MeterRegistry registry;
    private final Labels labels;
    private final SnapshotHolder snapshots;
    private final MeterProvider<Counter> transitions;
    private final Map<Series, AtomicInteger> circuits = new ConcurrentHashMap<>();
    private volatile Supplier<List<HealthSnapshot>> source = List::of;

    HealthMeters(MeterRegistry registry, Labels labels, SnapshotHolder snapshots) {
        this.registry = registry;
        this.labels = labels;
        this.snapshots = snapshots;
        this.transitions = Counter.builder("gateway.provider.health.transitions")
                .description("Circuit state changes of providers and their mappings, by the state moved to")
                .withRegistry(registry);
    }

    void transition(HealthTransition transition) {
        transitions
                .withTags(
                        "provider",
                        provider(transition.key().providerId()),
                        "to",
                        transition.to().wireName())
                .increment();
    }

    /** From now on each scrape reads the circuits from {@code source}. */
    void bind(Supplier<List<HealthSnapshot>> source) {
        this.source = source;
    }

    /** Reads the circuits once, before a scrape. */
    void refresh() {
        Map<Series, Integer> counts = new HashMap<>();
        for (HealthSnapshot circuit : source.get()) {
            counts.merge(
                    new Series(
                            provider(circuit.key().providerId()),
                            circuit.state().wireName()),
                    1,
                    Integer::sum);
        }
        circuits.forEach((series, count) -> count.set(counts.getOrDefault(series, 0)));
        counts.forEach((series, count) ->
                circuits.computeIfAbsent(series, this::register).set(count));
    }

    private AtomicInteger register(Series series) {
        AtomicInteger count = new AtomicInteger();
        Gauge.builder("gateway.provider.health.state", count, AtomicInteger::get)
                .description("Circuits of a provider (its own and its mappings') in each health state")
                .tag("provider", series.provider())
                .tag("state", series.state())
                .strongReference(true)
                .register(registry);
        return count;
    }

    private String provider(long providerId) {
        return snapshots
                .get()
                .provider(providerId)
                .map(ProviderConfig::name)
                .map(labels::provider)
                .orElse(Labels.UNKNOWN);
    }
}
