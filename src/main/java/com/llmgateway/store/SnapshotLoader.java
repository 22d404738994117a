package com.llmgateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.health.ErrorPolicy;
import com.llmgateway.health.HealthThresholds;
import com.llmgateway.health.PolicyException;
import com.llmgateway.health.PolicyParser;
import com.llmgateway.health.Timeouts;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.routing.MappingConfig;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.routing.RuleSet;
import com.llmgateway.routing.RuleSetException;
import com.llmgateway.security.SecretCipher;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole routing configuration (providers with decrypted keys, models with all their mappings, gateway keys
 * by hash) in one read transaction, so a snapshot never mixes two states of the database.
 *
 * <p>Rows the request path cannot use safely are logged and made inactive rather than failing the load: a provider
 * with an unknown protocol is left out, a provider whose key cannot be decrypted is inactive, and a model or mapping
 * whose stored rules no longer parse is inactive (with no rules) until an operator fixes it. A stored routing policy
 * (error policy, timeouts, health thresholds) that no longer parses is logged and replaced by the defaults: the
 * original's behaviour is a safe way to keep serving.
 */
public final class SnapshotLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotLoader.class);

    private final Database database;
    private final ProviderStore providers;

    public SnapshotLoader(Database database, SecretCipher cipher) {
        this.database = database;
        this.providers = new ProviderStore(database, cipher);
    }

    /** A snapshot and the {@code config_version} it was read at, from the same transaction. */
    public record Versioned(long version, RoutingSnapshot snapshot) {}

    /** Blocking: call it at start and from worker threads, never on an event loop. */
    public RoutingSnapshot load() {
        return loadVersioned().snapshot();
    }

    /** Like {@link #load}, with the configuration version read in the same transaction. */
    public Versioned loadVersioned() {
        return Transactions.read(
                database,
                "load routing snapshot",
                connection -> new Versioned(ConfigVersion.read(connection), snapshot(connection)));
    }

    private RoutingSnapshot snapshot(Connection connection) throws SQLException {
        Map<Long, ProviderConfig> providerConfigs = new HashMap<>();
        for (Provider provider : providers.all(connection)) {
            toConfig(provider).ifPresent(config -> providerConfigs.put(config.id(), config));
        }
        Map<String, List<MappingConfig>> mappingsByModel = new HashMap<>();
        for (Mapping mapping : MappingStore.all(connection)) {
            mappingsByModel
                    .computeIfAbsent(mapping.requestedModel(), name -> new ArrayList<>())
                    .add(toConfig(mapping));
        }
        Map<String, ModelConfig> models = new HashMap<>();
        for (Model model : ModelStore.all(connection)) {
            List<MappingConfig> mappings = mappingsByModel.getOrDefault(model.requestedModel(), List.of());
            models.put(model.requestedModel(), toConfig(model, mappings));
        }
        Map<String, ApiKeyEntry> keys = ApiKeyStore.entriesByHash(connection);
        return new RoutingSnapshot(providerConfigs, models, keys);
    }

    private static Optional<ProviderConfig> toConfig(Provider provider) {
        Optional<Protocol> protocol = Protocol.fromWireName(provider.protocol());
        if (protocol.isEmpty()) {
            LOG.error(
                    "Provider '{}' (id {}) has unknown protocol '{}'; it is not routed to",
                    provider.name(),
                    provider.id(),
                    provider.protocol());
            return Optional.empty();
        }
        // ProviderStore has logged an unreadable key; sending no credential upstream would only fail there.
        boolean active = provider.active() && !provider.apiKeyUnreadable();
        return Optional.of(new ProviderConfig(
                provider.id(),
                provider.name(),
                provider.baseUrl(),
                protocol.get(),
                provider.apiType(),
                provider.apiKey(),
                provider.extraHeaders().orElse(Map.of()),
                active,
                provider.includeStreamUsage(),
                provider.responsesApi(),
                policy(provider.timeouts(), Timeouts::parse, Timeouts.NONE, "timeouts of provider " + provider.id()),
                policy(
                        provider.health(),
                        HealthThresholds::parse,
                        HealthThresholds.DEFAULTS,
                        "health of provider " + provider.id()),
                provider.updatedAt().toEpochMilli()));
    }

    private static MappingConfig toConfig(Mapping mapping) {
        Optional<RuleSet> rules = parse(mapping.providerRules(), "provider_rules of mapping " + mapping.id());
        return new MappingConfig(
                mapping.id(),
                mapping.requestedModel(),
                mapping.providerId(),
                mapping.targetModelName(),
                rules.orElse(RuleSet.EMPTY),
                mapping.priority(),
                mapping.weight(),
                mapping.active() && rules.isPresent(),
                mapping.inputPrice().orElse(null),
                mapping.outputPrice().orElse(null));
    }

    private static ModelConfig toConfig(Model model, List<MappingConfig> mappings) {
        Optional<RuleSet> rules =
                parse(model.matchingRules(), "matching_rules of model '" + model.requestedModel() + "'");
        return new ModelConfig(
                model.requestedModel(),
                model.strategy(),
                rules.orElse(RuleSet.EMPTY),
                model.active() && rules.isPresent(),
                mappings,
                model.inputPrice().orElse(null),
                model.outputPrice().orElse(null),
                policy(
                        model.errorPolicy(),
                        ErrorPolicy::parse,
                        ErrorPolicy.DEFAULT,
                        "error_policy of model '" + model.requestedModel() + "'"),
                policy(
                        model.timeouts(),
                        Timeouts::parse,
                        Timeouts.NONE,
                        "timeouts of model '" + model.requestedModel() + "'"));
    }

    /** A parsed policy, or {@code fallback} when none is stored or the stored one no longer parses. */
    private static <T> T policy(Optional<JsonNode> json, PolicyParser<T> parser, T fallback, String what) {
        try {
            return json.isEmpty() ? fallback : parser.parse(json.get());
        } catch (PolicyException e) {
            LOG.error("Stored {} no longer parses ({}); using the defaults", what, e.getMessage());
            return fallback;
        }
    }

    /** Empty when stored rules no longer parse (for example after the rule format tightened). */
    private static Optional<RuleSet> parse(Optional<JsonNode> json, String what) {
        try {
            return Optional.of(RuleSet.parse(json.orElse(null)));
        } catch (RuleSetException e) {
            LOG.error("Stored {} no longer parse ({}); treating it as inactive", what, e.getMessage());
            return Optional.empty();
        }
    }
}
