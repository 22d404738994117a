package com.llmgateway.routing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns a model and a request into its ordered candidates (seed-spec section 4, "Engine output"). */
public final class RuleEngine {
    /** Ties on priority go to the lower provider id, so the order is stable whatever the mapping order. */
    private static final Comparator<Candidate> ORDER =
            Comparator.comparingInt(Candidate::priority).thenComparingLong(Candidate::providerId);

    private RuleEngine() {}

    /**
     * The candidates for one request, sorted by (priority, provider id): empty when the model-level rules do not
     * match; otherwise one per active mapping whose provider exists, is active and whose provider rules match. The
     * model's own active flag is not checked here; the caller answers a disabled model before routing.
     */
    public static List<Candidate> candidates(
            ModelConfig model, Map<Long, ProviderConfig> providers, RuleContext context) {
        if (!model.rules().matches(context)) {
            return List.of();
        }
        List<Candidate> result = new ArrayList<>();
        for (MappingConfig mapping : model.mappings()) {
            ProviderConfig provider = providers.get(mapping.providerId());
            if (isUsable(mapping, provider) && mapping.rules().matches(context)) {
                result.add(candidate(model, mapping, provider));
            }
        }
        result.sort(ORDER);
        return List.copyOf(result);
    }

    private static boolean isUsable(MappingConfig mapping, ProviderConfig provider) {
        return mapping.active() && provider != null && provider.active();
    }

    private static Candidate candidate(ModelConfig model, MappingConfig mapping, ProviderConfig provider) {
        return new Candidate(
                provider,
                mapping.targetModel(),
                mapping.priority(),
                mapping.weight(),
                mapping.id(),
                unitPrice(model, mapping));
    }

    /** Input plus output price, each the mapping's own or else the model's; null when a direction has none. */
    static BigDecimal unitPrice(ModelConfig model, MappingConfig mapping) {
        BigDecimal input = mapping.inputPrice() != null ? mapping.inputPrice() : model.inputPrice();
        BigDecimal output = mapping.outputPrice() != null ? mapping.outputPrice() : model.outputPrice();
        return input == null || output == null ? null : input.add(output);
    }
}
