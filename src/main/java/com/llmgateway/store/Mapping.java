package com.llmgateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code model_mapping_providers} with the name and protocol of its provider. Lower {@code priority} is
 * tried first. Prices (USD per million tokens) override the model's, direction by direction; empty when not set.
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
        Instant updatedAt,
        Optional<BigDecimal> inputPrice,
        Optional<BigDecimal> outputPrice) {

    public record Draft(
            String requestedModel,
            long providerId,
            String targetModelName,
            Optional<JsonNode> providerRules,
            int priority,
            int weight,
            boolean active,
            Optional<BigDecimal> inputPrice,
            Optional<BigDecimal> outputPrice) {

        /** A mapping without prices of its own. */
        public Draft(
                String requestedModel,
                long providerId,
                String targetModelName,
                Optional<JsonNode> providerRules,
                int priority,
                int weight,
                boolean active) {
            this(
                    requestedModel,
                    providerId,
                    targetModelName,
                    providerRules,
                    priority,
                    weight,
                    active,
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /** A partial update: empty fields and {@link Change#keep()} leave the column as it is. */
    public record Patch(
            Optional<String> targetModelName,
            Change<JsonNode> providerRules,
            Optional<Integer> priority,
            Optional<Integer> weight,
            Optional<Boolean> active,
            Change<BigDecimal> inputPrice,
            Change<BigDecimal> outputPrice) {

        /** A patch that leaves the prices alone. */
        public Patch(
                Optional<String> targetModelName,
                Change<JsonNode> providerRules,
                Optional<Integer> priority,
                Optional<Integer> weight,
                Optional<Boolean> active) {
            this(targetModelName, providerRules, priority, weight, active, Change.keep(), Change.keep());
        }
    }

    /** The optional filters of a mapping list. */
    public record Filter(Optional<String> requestedModel, Optional<Long> providerId, Optional<Boolean> active) {}
}
