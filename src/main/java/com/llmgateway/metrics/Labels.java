package com.llmgateway.metrics;

import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.routing.SnapshotHolder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps label values bounded, so no client can grow the number of series. Model and provider labels take only names
 * configured in the live routing snapshot; anything else (a model a client made up, a provider deleted since) is
 * {@code unknown}. As a second guard each label takes at most {@link #MAX_VALUES} distinct values over the life of
 * the process and later ones become {@code other}: series of renamed or deleted configuration stay until restart.
 */
final class Labels {
    static final String UNKNOWN = "unknown";
    static final String OTHER = "other";
    /** The provider label of a request that never reached a provider (a routing error). */
    static final String NONE = "none";

    static final int MAX_VALUES = 1000;

    /** Provider names of one snapshot, computed once per snapshot. */
    private record ProviderNames(RoutingSnapshot snapshot, Set<String> names) {}

    private final SnapshotHolder snapshots;
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Set<String> providers = ConcurrentHashMap.newKeySet();
    private volatile ProviderNames providerNames = new ProviderNames(null, Set.of());

    Labels(SnapshotHolder snapshots) {
        this.snapshots = snapshots;
    }

    /** A requested model's label: its name when it is configured, else {@code unknown}. */
    String model(String requested) {
        if (requested == null || !snapshots.get().models().containsKey(requested)) {
            return UNKNOWN;
        }
        return capped(models, requested);
    }

    /** A provider's label: its name when it is configured, else {@code unknown}. */
    String provider(String name) {
        if (name == null || !configuredProviders().contains(name)) {
            return UNKNOWN;
        }
        return capped(providers, name);
    }

    /**
     * The label of a provider name taken from the snapshot by the proxy itself, so it needs no lookup. Stable over
     * time for a given name (gauges rely on it to pair increments with decrements).
     */
    String configuredProvider(String name) {
        return capped(providers, name);
    }

    private Set<String> configuredProviders() {
        RoutingSnapshot snapshot = snapshots.get();
        ProviderNames known = providerNames;
        if (known.snapshot() != snapshot) {
            known = new ProviderNames(
                    snapshot,
                    snapshot.providers().values().stream()
                            .map(ProviderConfig::name)
                            .collect(Collectors.toUnmodifiableSet()));
            providerNames = known;
        }
        return known.names();
    }

    /** A value seen before keeps its label; a new one gets {@code other} once the label is full. */
    private static String capped(Set<String> seen, String value) {
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= MAX_VALUES) {
            return OTHER;
        }
        seen.add(value);
        return value;
    }
}
