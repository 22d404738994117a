package com.llmgateway.routing;

import java.util.List;

/**
 * A requested model name with its strategy, model-level rules and its mappings (all of them, active or not, ordered by
 * priority then id).
 */
public record ModelConfig(String name, String strategy, RuleSet rules, boolean active, List<MappingConfig> mappings) {
    public ModelConfig {
        mappings = List.copyOf(mappings);
    }
}
