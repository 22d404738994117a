package com.llmgateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What is in flight now: open event streams, and upstream calls per provider next to the configured pool bounds.
 *
 * <p>Vert.x pools connections per origin (scheme, host, port), not per provider: providers with the same origin share
 * one pool of {@code UPSTREAM_MAX_CONNECTIONS}, so compare the sum of their in-flight calls with it. A call counts from
 * the moment it asks the pool for a connection (waiting included) until it fails or its response has been relayed.
 */
final class ActivityGauges {
    private final MeterRegistry registry;
    private final Labels labels;
    private final AtomicInteger openStreams = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    ActivityGauges(MeterRegistry registry, Labels labels, int maxConnections, int maxWaitQueue) {
        this.registry = registry;
        this.labels = labels;
        Gauge.builder("gateway.open.streams", openStreams, AtomicInteger::get)
                .description("Event streams being relayed to clients now")
                .register(registry);
        Gauge.builder("gateway.upstream.max.connections", () -> maxConnections)
                .description("Connections allowed per upstream origin (UPSTREAM_MAX_CONNECTIONS)")
                .register(registry);
        Gauge.builder("gateway.upstream.max.wait.queue", () -> maxWaitQueue)
                .description("Calls allowed to wait for a connection per upstream origin (UPSTREAM_MAX_WAIT_QUEUE)")
                .register(registry);
    }

    void attemptStarted(String provider) {
        inFlight(provider).incrementAndGet();
    }

    void attemptEnded(String provider) {
        inFlight(provider).decrementAndGet();
    }

    void streamOpened() {
        openStreams.incrementAndGet();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
    }

    private AtomicInteger inFlight(String provider) {
        String label = labels.configuredProvider(provider);
        AtomicInteger count = inFlight.get(label);
        return count != null ? count : inFlight.computeIfAbsent(label, this::register);
    }

    private AtomicInteger register(String label) {
        AtomicInteger count = new AtomicInteger();
        Gauge.builder("gateway.upstream.requests.in.flight", count, AtomicInteger::get)
                .description("Upstream calls holding or waiting for a pooled connection now, per provider")
                .tag("provider", label)
                .strongReference(true)
                .register(registry);
        return count;
    }
}
