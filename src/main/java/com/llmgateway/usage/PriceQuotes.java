package com.llmgateway.usage;

import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.routing.MappingConfig;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.RoutingSnapshot;
import java.util.Optional;

/**
 * Finds the prices of a finished exchange in a routing snapshot: the requested model's prices, overridden direction by
 * direction by the prices of the mapping that served the final attempt (the requested model mapped to that attempt's
 * provider).
 *
 * <p>The snapshot is the one in force when the log row is written, moments after the request, not the one the request
 * was routed with: a price changed in between applies to the requests still in flight. That is good enough for
 * prices, which change rarely and by hand, and it keeps the request path free of pricing.
 */
public final class PriceQuotes {
    private PriceQuotes() {}

    /**
     * {@link PriceQuote#UNPRICED} when the model is unknown (or deleted since); the model's own prices when the request
     * never reached a provider or the final attempt's mapping is gone.
     */
    public static PriceQuote forRecord(RoutingSnapshot snapshot, ExchangeRecord record) {
        if (record.requestedModel() == null) {
            return PriceQuote.UNPRICED;
        }
        Optional<ModelConfig> model = snapshot.model(record.requestedModel());
        if (model.isEmpty()) {
            return PriceQuote.UNPRICED;
        }
        Prices own = record.finalAttempt()
                .flatMap(attempt -> mapping(model.get(), attempt))
                .map(mapping -> new Prices(mapping.inputPrice(), mapping.outputPrice()))
                .orElse(Prices.NONE);
        return PriceQuote.resolve(
                own, new Prices(model.get().inputPrice(), model.get().outputPrice()));
    }

    /** (requested model, provider) is unique, so the provider id names the mapping. */
    private static Optional<MappingConfig> mapping(ModelConfig model, AttemptRecord attempt) {
        return model.mappings().stream()
                .filter(mapping -> mapping.providerId() == attempt.providerId())
                .findFirst();
    }
}
