package com.llmgateway.routing;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * {@code least_latency}: the candidate whose mapping has the lowest moving average of time to first byte (ties to the
 * better priority).
 *
 * <p>Two exceptions keep the averages honest. A candidate without any sample yet goes first (the best-priority one of
 * them), so that it gets measured; one that keeps failing never gets a sample, but then its circuit opens and health
 * filters it out before this strategy sees it. And a small share of requests ({@link #DEFAULT_EXPLORATION}) goes to
 * one of the other candidates at random, so that a provider whose average is stale, for instance one that was slow
 * and has recovered, is measured again.
 */
final class LeastLatency implements SelectionStrategy {
    static final double DEFAULT_EXPLORATION = 0.05;

    private final LatencyTracker latency;
    private final double exploration;
    private final Supplier<? extends RandomGenerator> random;

    /**
     * @param exploration the share of requests sent to a random other candidate, in [0, 1)
     * @param random the source of randomness for the calling thread, e.g. {@code ThreadLocalRandom::current}
     */
    LeastLatency(LatencyTracker latency, double exploration, Supplier<? extends RandomGenerator> random) {
        if (!(exploration >= 0 && exploration < 1)) {
            throw new IllegalArgumentException("exploration must be in [0, 1), got " + exploration);
        }
        this.latency = latency;
        this.exploration = exploration;
        this.random = random;
    }

    @Override
    public String name() {
        return Strategies.LEAST_LATENCY;
    }

    @Override
    public int firstIndex(String model, List<Candidate> candidates) {
        SelectionStrategy.requireCandidates(candidates);
        if (candidates.size() == 1) {
            return 0;
        }
        int best = -1;
        double bestAverage = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            OptionalDouble average = latency.ofMapping(candidates.get(i).mappingId());
            if (average.isEmpty()) {
                return i;
            }
            if (average.getAsDouble() < bestAverage) {
                best = i;
                bestAverage = average.getAsDouble();
            }
        }
        return explores() ? anyOtherThan(best, candidates.size()) : best;
    }

    private boolean explores() {
        return exploration > 0 && random.get().nextDouble() < exploration;
    }

    private int anyOtherThan(int excluded, int size) {
        int pick = random.get().nextInt(size - 1);
        return pick >= excluded ? pick + 1 : pick;
    }
}
