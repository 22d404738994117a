package com.llmgateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns a model and a request into its ordered candidates (seed-spec section 4, "Engine output"). STUB: to be
 * completed with the rule engine.
 */
public final class RuleEngine {
    private RuleEngine() {}

    public static List<Candidate> candidates(
            ModelConfig model, Map<Long, ProviderConfig> providers, RuleContext context) {
        if (!model.rules().matches(context)) {
            return List.of();
        }
        List<Candidate> result = new ArrayList<>();
        for (MappingConfig mapping : model.mappings()) {
            ProviderConfig provider = providers.get(mapping.providerId());
            if (!mapping.active() || provider == null || !provider.active()) {
                continue;
            }
            if (mapping.rules().matches(context)) {
                result.add(new Candidate(
                        provider, mapping.targetModel(), mapping.priority(), mapping.weight(), mapping.id()));
            }
        }
        result.sort(Comparator.comparingInt(Candidate::priority).thenComparingLong(Candidate::providerId));
        return List.copyOf(result);
    }
}
