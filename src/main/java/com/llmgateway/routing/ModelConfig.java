package com.llmgateway.routing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A requested model name with its strategy, model-level rules and its mappings (all of them, active or not, ordered by
 * priority then id).
 *
 * @param inputPrice USD per million input tokens, or {@code null} when the model has no input price
 * @param outputPrice USD per million output tokens, or {@code null} when the model has no output price
 */
public record ModelConfig(
        String name,
        String strategy,
        RuleSet rules,
        boolean active,
        List<MappingConfig> mappings,
        BigDecimal inputPrice,
        BigDecimal outputPrice) {

    public ModelConfig {
        mappings = List.copyOf(mappings);
    }

    /** A model without prices. */
    public ModelConfig(String name, String strategy, RuleSet rules, boolean active, List<MappingConfig> mappings) {
        this(name, strategy, rules, active, mappings, null, null);
    }
}
