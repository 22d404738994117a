package com.llmgateway.proxy;

import com.llmgateway.routing.Candidate;
import com.llmgateway.routing.ModelConfig;
import java.util.List;

/**
 * Where one request may go: its model (whose error policy and timeouts apply), the candidates health admitted, in
 * priority order, and how many the rules matched before health had its say (the log's {@code matched_provider_count}).
 */
record Route(ModelConfig model, List<Candidate> candidates, int matchedCount) {
    Route {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one candidate");
        }
    }
}
