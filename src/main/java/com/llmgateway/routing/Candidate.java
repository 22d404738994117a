package com.llmgateway.routing;

import java.math.BigDecimal;

/**
 * A provider that may serve one request, with the model name to send it.
 *
 * @param unitPrice input plus output price per million tokens for this mapping (its own price per direction, else
 *     the model's), or {@code null} when either direction has no price; {@code cost_first} orders by it
 */
public record Candidate(
        ProviderConfig provider, String targetModel, int priority, int weight, long mappingId, BigDecimal unitPrice) {

    public Candidate(ProviderConfig provider, String targetModel, int priority, int weight, long mappingId) {
        this(provider, targetModel, priority, weight, mappingId, null);
    }

    public long providerId() {
        return provider.id();
    }
}
