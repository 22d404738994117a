package com.llmgateway.routing;

/** A provider that may serve one request, with the model name to send it. */
public record Candidate(ProviderConfig provider, String targetModel, int priority, int weight, long mappingId) {
    public long providerId() {
        return provider.id();
    }
}
