package com.llmgateway.routing;

import java.math.BigDecimal;

/**
 * One model-to-provider mapping: which provider serves a requested model, under which name, with which rules.
 *
 * @param inputPrice USD per million input tokens when served through this mapping, overriding the model's; {@code
 *     null} when the mapping has no price of its own
 * @param outputPrice USD per million output tokens, likewise
 */
public record MappingConfig(
        long id,
        String requestedModel,
        long providerId,
        String targetModel,
        RuleSet rules,
        int priority,
        int weight,
        boolean active,
        BigDecimal inputPrice,
        BigDecimal outputPrice) {

    /** A mapping without prices of its own. */
    public MappingConfig(
            long id,
            String requestedModel,
            long providerId,
            String targetModel,
            RuleSet rules,
            int priority,
            int weight,
            boolean active) {
        this(id, requestedModel, providerId, targetModel, rules, priority, weight, active, null, null);
    }
}
