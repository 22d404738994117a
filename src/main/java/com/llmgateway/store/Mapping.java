package com.llmgateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code model_mapping_providers} with the name and protocol of its provider. Lower {@code priority} is
 * tried first.
 */
public record Mapping(
        long id,
        String requestedModel,
        long providerId,
        String providerName,
        String providerProtocol,
        String targetModelName,
        Optional<JsonNode> providerRules,
        int priority,
        int weight,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    public record Draft(
            String requestedModel,
            long providerId,
            String targetModelName,
            Optional<JsonNode> providerRules,
            int priority,
            int weight,
            boolean active) {}

    /** A partial update: empty fields and {@link Change#keep()} leave the column as it is. */
    public record Patch(
            Optional<String> targetModelName,
            Change<JsonNode> providerRules,
            Optional<Integer> priority,
            Optional<Integer> weight,
            Optional<Boolean> active) {}

    /** The optional filters of a mapping list. */
    public record Filter(Optional<String> requestedModel, Optional<Long> providerId, Optional<Boolean> active) {}
}
