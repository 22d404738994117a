package com.llmgateway.routing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Round-robin start positions (seed-spec section 6): one counter per requested model, in memory only, shared by all
 * event loops. With candidates [A, B] for model m the 1st request starts at A, the 2nd at B, the 3rd at A; models
 * rotate independently.
 *
 * <p>Bounded: the map holds at most one entry per model name ever passed to {@link #startIndex}. Callers pass only
 * configured model names (an unknown model is answered 404 before routing), and call {@link #retainOnly} when the
 * configuration changes so that counters of deleted models go away.
 */
public final class RoundRobin implements SelectionStrategy {
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    /**
     * The index to start at for this request of {@code model}: the model's counter modulo {@code candidateCount},
     * after which the counter moves on.
     *
     * @throws IllegalArgumentException if {@code candidateCount} is not positive (there is nothing to start at)
     */
    public int startIndex(String model, int candidateCount) {
        if (candidateCount <= 0) {
            throw new IllegalArgumentException("candidateCount must be positive, got " + candidateCount);
        }
        long turn = counters.computeIfAbsent(model, name -> new AtomicLong()).getAndIncrement();
        // floorMod keeps the index valid even after the counter wraps past Long.MAX_VALUE.
        return (int) Math.floorMod(turn, (long) candidateCount);
    }

    @Override
    public String name() {
        return Strategies.ROUND_ROBIN;
    }

    /** The original behaviour: {@link #startIndex} over the number of candidates, whatever they are. */
    @Override
    public int firstIndex(String model, List<Candidate> candidates) {
        return startIndex(model, candidates.size());
    }

    /** Drops the counters of every model not in {@code models}, e.g. after models were deleted. */
    @Override
    public void retainOnly(Set<String> models) {
        counters.keySet().retainAll(models);
    }
}
