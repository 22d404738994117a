package com.llmgateway.routing;

import com.llmgateway.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers: candidate lists in priority order, provider i and mapping 100 + i for position i. */
final class Candidates {
    private Candidates() {}

    /** One candidate per weight, providers 1, 2, 3, ... in that (priority) order. */
    static List<Candidate> weighted(int... weights) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            candidates.add(candidate(i + 1, i + 1, weights[i]));
        }
        return List.copyOf(candidates);
    }

    /** {@code count} candidates of weight 1. */
    static List<Candidate> count(int count) {
        int[] weights = new int[count];
        java.util.Arrays.fill(weights, 1);
        return weighted(weights);
    }

    static Candidate candidate(long providerId, int priority, int weight) {
        ProviderConfig provider = new ProviderConfig(
                providerId,
                "provider-" + providerId,
                "http://provider-" + providerId,
                Protocol.OPENAI,
                "chat",
                Optional.empty(),
                Map.of(),
                true,
                false);
        return new Candidate(provider, "target", priority, weight, 100 + providerId);
    }

    /** The first {@code turns} choices of {@code strategy} for model {@code m}. */
    static List<Integer> sequence(SelectionStrategy strategy, List<Candidate> candidates, int turns) {
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            picks.add(strategy.firstIndex("m", candidates));
        }
        return picks;
    }
}
