package com.llmgateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code model_mappings}: a model name clients send, with its strategy, model-level rules, free-form
 * capabilities and prices (USD per million tokens, empty when not set). {@code providerCount} counts all its mappings,
 * active or not.
 */
public record Model(
        String requestedModel,
        String strategy,
        Optional<JsonNode> matchingRules,
        Optional<JsonNode> capabilities,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        int providerCount,
        Optional<BigDecimal> inputPrice,
        Optional<BigDecimal> outputPrice) {

    public record Draft(
            String requestedModel,
            String strategy,
            Optional<JsonNode> matchingRules,
            Optional<JsonNode> capabilities,
            boolean active,
            Optional<BigDecimal> inputPrice,
            Optional<BigDecimal> outputPrice) {

        /** A model without prices. */
        public Draft(
                String requestedModel,
                String strategy,
                Optional<JsonNode> matchingRules,
                Optional<JsonNode> capabilities,
                boolean active) {
            this(requestedModel, strategy, matchingRules, capabilities, active, Optional.empty(), Optional.empty());
        }
    }

    /** A partial update: empty fields and {@link Change#keep()} leave the column as it is. */
    public record Patch(
            Optional<String> strategy,
            Change<JsonNode> matchingRules,
            Change<JsonNode> capabilities,
            Optional<Boolean> active,
            Change<BigDecimal> inputPrice,
            Change<BigDecimal> outputPrice) {

        /** A patch that leaves the prices alone. */
        public Patch(
                Optional<String> strategy,
                Change<JsonNode> matchingRules,
                Change<JsonNode> capabilities,
                Optional<Boolean> active) {
            this(strategy, matchingRules, capabilities, active, Change.keep(), Change.keep());
        }
    }
}
