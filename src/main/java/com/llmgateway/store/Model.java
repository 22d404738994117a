package com.llmgateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code model_mappings}: a model name clients send, with its strategy, model-level rules and free-form
 * capabilities. {@code providerCount} counts all its mappings, active or not.
 */
public record Model(
        String requestedModel,
        String strategy,
        Optional<JsonNode> matchingRules,
        Optional<JsonNode> capabilities,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        int providerCount) {

    public record Draft(
            String requestedModel,
            String strategy,
            Optional<JsonNode> matchingRules,
            Optional<JsonNode> capabilities,
            boolean active) {}

    /** A partial update: empty fields and {@link Change#keep()} leave the column as it is. */
    public record Patch(
            Optional<String> strategy,
            Change<JsonNode> matchingRules,
            Change<JsonNode> capabilities,
            Optional<Boolean> active) {}
}
