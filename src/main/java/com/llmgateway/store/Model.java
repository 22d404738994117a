package com.llmgateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code model_mappings}: a model name clients send, with its strategy, model-level rules, free-form
 * capabilities, prices (USD per million tokens, empty when not set) and routing policy ({@code errorPolicy}, {@code
 * timeouts}: JSON as the operator wrote it, empty for the defaults). {@code providerCount} counts all its mappings,
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
        Optional<BigDecimal> outputPrice,
        Optional<JsonNode> errorPolicy,
        Optional<JsonNode> timeouts) {

    public record Draft(
            String requestedModel,
            String strategy,
            Optional<JsonNode> matchingRules,
            Optional<JsonNode> capabilities,
            boolean active,
            Optional<BigDecimal> inputPrice,
            Optional<BigDecimal> outputPrice,
            Optional<JsonNode> errorPolicy,
            Optional<JsonNode> timeouts) {

        /** A model without a routing policy of its own. */
        public Draft(
                String requestedModel,
                String strategy,
                Optional<JsonNode> matchingRules,
                Optional<JsonNode> capabilities,
                boolean active,
                Optional<BigDecimal> inputPrice,
                Optional<BigDecimal> outputPrice) {
            this(
                    requestedModel,
                    strategy,
                    matchingRules,
                    capabilities,
                    active,
                    inputPrice,
                    outputPrice,
                    Optional.empty(),
                    Optional.empty());
        }

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
            Change<BigDecimal> outputPrice,
            Change<JsonNode> errorPolicy,
            Change<JsonNode> timeouts) {

        /** A patch that leaves the routing policy alone. */
        public Patch(
                Optional<String> strategy,
                Change<JsonNode> matchingRules,
                Change<JsonNode> capabilities,
                Optional<Boolean> active,
                Change<BigDecimal> inputPrice,
                Change<BigDecimal> outputPrice) {
            this(strategy, matchingRules, capabilities, active, inputPrice, outputPrice, Change.keep(), Change.keep());
        }

        /** A patch that leaves the prices and the routing policy alone. */
        public Patch(
                Optional<String> strategy,
                Change<JsonNode> matchingRules,
                Change<JsonNode> capabilities,
                Optional<Boolean> active) {
            this(strategy, matchingRules, capabilities, active, Change.keep(), Change.keep());
        }
    }
}
