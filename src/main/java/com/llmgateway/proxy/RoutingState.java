package com.llmgateway.proxy;

import com.llmgateway.health.HealthKey;
import com.llmgateway.health.HealthListener;
import com.llmgateway.health.HealthSnapshot;
import com.llmgateway.health.HealthThresholds;
import com.llmgateway.health.ProviderHealth;
import com.llmgateway.routing.Candidate;
import com.llmgateway.routing.LatencyTracker;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.routing.Strategies;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What routing learns from traffic and keeps across configuration changes: the strategies' per-model state
 * (round-robin counters, weighted scores), the latency averages and the providers' health. One per gateway, shared by
 * every event loop (each part is thread-safe and non-blocking).
 *
 * <p>It follows the routing snapshot ({@link #follow}): models, providers and mappings that are gone are forgotten,
 * per-provider thresholds apply at once, and a provider whose configuration changed (an operator edited it: a new key,
 * a new URL, or any other edit, which bumps its {@link ProviderConfig#revision()}) starts with a clean health record.
 * That is how a key marked invalid after a 401 is tried again.
 */
public final class RoutingState {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingState.class);

    private final ProviderHealth health;
    private final Strategies strategies;
    private RoutingSnapshot previous = RoutingSnapshot.EMPTY;

    public RoutingState(ProviderHealth health, Strategies strategies) {
        this.health = health;
        this.strategies = strategies;
    }

    /** The standard strategies and health with the default thresholds, sharing one latency tracker. */
    public static RoutingState standard(HealthListener listener) {
        LatencyTracker latency = new LatencyTracker();
        return new RoutingState(
                new ProviderHealth(HealthThresholds.DEFAULTS, latency, Clock.systemUTC(), listener),
                Strategies.standard(latency));
    }

    public ProviderHealth health() {
        return health;
    }

    /** From now on every snapshot {@code snapshots} takes is applied here too. */
    public void follow(SnapshotHolder snapshots) {
        snapshots.onChange(this::apply);
    }

    /** Snapshots are swapped one at a time, but tests may swap them from any thread: hence the lock. */
    synchronized void apply(RoutingSnapshot next) {
        strategies.retainOnly(next.models().keySet());
        health.retainOnly(next);
        Map<Long, HealthThresholds> thresholds = new HashMap<>();
        next.providers().values().forEach(provider -> thresholds.put(provider.id(), provider.health()));
        health.setThresholds(thresholds);
        for (ProviderConfig provider : next.providers().values()) {
            ProviderConfig before = previous.providers().get(provider.id());
            if (before != null && !before.equals(provider)) {
                LOG.info("Provider '{}' (id {}) was edited: its health starts afresh", provider.name(), provider.id());
                health.resetProvider(provider.id());
            }
        }
        previous = next;
    }

    /** The candidates health admits now (circuits closed, or half open with the probe free), in the same order. */
    List<Candidate> admitted(List<Candidate> candidates) {
        return candidates.stream()
                .filter(candidate -> health.admits(HealthKey.of(candidate)))
                .toList();
    }

    /** The index of the candidate to try first, chosen by the model's strategy among the admitted ones. */
    int firstIndex(ModelConfig model, List<Candidate> admitted) {
        return strategies.forModel(model).firstIndex(model.name(), admitted);
    }

    /**
     * When the first of these candidates is admitted again, for those that wait for a time (an open circuit's
     * cooldown, a provider's retry hint); empty when none does (keys refused, or probes in flight).
     */
    Optional<Instant> earliestReadmission(List<Candidate> candidates) {
        return candidates.stream()
                .map(this::readmission)
                .flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    /** A candidate is admitted when its provider's circuit and its mapping's both are: the later of their waits. */
    private Optional<Instant> readmission(Candidate candidate) {
        HealthKey key = HealthKey.of(candidate);
        return Stream.of(health.snapshot(key.providerWide()), health.snapshot(key))
                .map(HealthSnapshot::openUntil)
                .flatMap(Optional::stream)
                .max(Instant::compareTo);
    }
}
