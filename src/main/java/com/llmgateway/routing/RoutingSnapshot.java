package com.llmgateway.routing;

import java.util.Map;
import java.util.Optional;

/**
 * Everything the request path needs to know, as one immutable value: providers, models with their mappings, and
 * gateway keys by hash. Admin writes build a new snapshot and swap it in atomically; requests never read the database.
 */
public record RoutingSnapshot(
        Map<Long, ProviderConfig> providers, Map<String, ModelConfig> models, Map<String, ApiKeyEntry> keysByHash) {

    public static final RoutingSnapshot EMPTY = new RoutingSnapshot(Map.of(), Map.of(), Map.of());

    public RoutingSnapshot {
        providers = Map.copyOf(providers);
        models = Map.copyOf(models);
        keysByHash = Map.copyOf(keysByHash);
    }

    public Optional<ModelConfig> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public Optional<ProviderConfig> provider(long id) {
        return Optional.ofNullable(providers.get(id));
    }

    public Optional<ApiKeyEntry> keyByHash(String sha256Hex) {
        return Optional.ofNullable(keysByHash.get(sha256Hex));
    }
}
