package com.llmgateway.routing;

import java.util.List;

/**
 * {@code priority}: always the best candidate first (lowest priority value, ties to the lower provider id), which is
 * the head of the already ordered list; the others serve only as failover.
 */
final class PriorityFirst implements SelectionStrategy {

    @Override
    public String name() {
        return Strategies.PRIORITY;
    }

    @Override
    public int firstIndex(String model, List<Candidate> candidates) {
        SelectionStrategy.requireCandidates(candidates);
        return 0;
    }
}
