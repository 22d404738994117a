package com.llmgateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One model of an import (seed-spec section 14), with its mappings. Mappings name their provider, so an export taken
 * from one gateway can be imported into another where ids differ.
 */
public record ModelImport(Model.Draft model, List<MappingItem> mappings) {
    public ModelImport {
        mappings = List.copyOf(mappings);
    }

    /** A mapping of the imported model to the provider called {@code providerName}. */
    public record MappingItem(
            String providerName,
            String targetModelName,
            Optional<JsonNode> providerRules,
            int priority,
            int weight,
            boolean active,
            Optional<BigDecimal> inputPrice,
            Optional<BigDecimal> outputPrice) {

        Mapping.Draft toDraft(String requestedModel, long providerId) {
            return new Mapping.Draft(
                    requestedModel,
                    providerId,
                    targetModelName,
                    providerRules,
                    priority,
                    weight,
                    active,
                    inputPrice,
                    outputPrice);
        }
    }
}
