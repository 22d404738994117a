package com.llmgateway.routing;

/** One model-to-provider mapping: which provider serves a requested model, under which name, with which rules. */
public record MappingConfig(
        long id,
        String requestedModel,
        long providerId,
        String targetModel,
        RuleSet rules,
        int priority,
        int weight,
        boolean active) {}
