package com.llmgateway.routing;

import java.util.List;
import java.util.Set;

/**
 * Chooses which candidate of a request is tried first; a model picks one by name ({@link ModelConfig#strategy()}, see
 * {@link Strategies}). Only the first attempt is chosen here: failover then walks the remaining candidates in priority
 * order, whatever the strategy.
 *
 * <p>Implementations are shared by every event loop, so they are thread-safe and never block.
 */
public interface SelectionStrategy {

    /** The name a model uses to select this strategy, e.g. {@code round_robin}. */
    String name();

    /**
     * The index into {@code candidates} of the candidate to try first.
     *
     * @param model the requested model name; strategies that keep state keep it per model
     * @param candidates the candidates the rules (and health) let through, in priority order; never empty
     * @throws IllegalArgumentException if {@code candidates} is empty
     */
    int firstIndex(String model, List<Candidate> candidates);

    /** Forgets per-model state of every model not in {@code models}, e.g. after models were deleted. */
    default void retainOnly(Set<String> models) {}

    /** Refuses an empty list, which no strategy can choose from. */
    static void requireCandidates(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates must not be empty");
        }
    }
}
