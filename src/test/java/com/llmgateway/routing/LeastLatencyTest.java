package com.llmgateway.routing;

import static com.llmgateway.routing.Candidates.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LeastLatencyTest {
    private final LatencyTracker latency = new LatencyTracker();
    private final List<Candidate> candidates = count(3);

    /** Records one sample per candidate position; null leaves that candidate unmeasured. */
    private void measure(Long... millis) {
        for (int i = 0; i < millis.length; i++) {
            if (millis[i] != null) {
                Candidate candidate = candidates.get(i);
                latency.record(candidate.providerId(), candidate.mappingId(), millis[i]);
            }
        }
    }

    static Stream<Arguments> choices() {
        return Stream.of(
                arguments(new Long[] {300L, 100L, 200L}, 1),
                arguments(new Long[] {100L, 100L, 50L}, 2),
                // Equal averages go to the better priority.
                arguments(new Long[] {200L, 100L, 100L}, 1),
                // Unmeasured candidates go first so that they get measured, the best-priority one of them.
                arguments(new Long[] {100L, null, null}, 1),
                arguments(new Long[] {null, 1L, 1L}, 0));
    }

    @ParameterizedTest(name = "ttfb {0} -> {1}")
    @MethodSource("choices")
    void choosesTheLowestAverage(Long[] millis, int expected) {
        measure(millis);
        LeastLatency strategy = new LeastLatency(latency, 0.05, () -> new ScriptedRandom(0.5));

        assertThat(strategy.firstIndex("m", candidates)).isEqualTo(expected);
    }

    @Test
    void followsTheMovingAverageAsLatenciesChange() {
        LeastLatency strategy = new LeastLatency(latency, 0, () -> new ScriptedRandom());
        measure(100L, 300L, 500L);
        assertThat(strategy.firstIndex("m", candidates)).isZero();

        // Candidate 0 slows down: its average climbs past candidate 1's after a few samples.
        measure(1_000L);
        assertThat(strategy.firstIndex("m", candidates)).isZero();
        measure(1_000L);
        measure(1_000L);
        assertThat(strategy.firstIndex("m", candidates)).isOne();
    }

    @Test
    void explorationSendsASmallShareToAnotherCandidate() {
        measure(300L, 100L, 200L);
        ScriptedRandom random = new ScriptedRandom(0.049, 0.0, 0.049, 1.0, 0.05, 0.9);
        LeastLatency strategy = new LeastLatency(latency, 0.05, () -> random);

        // Below 5%: another candidate, chosen among the two that are not the best (index 1).
        assertThat(strategy.firstIndex("m", candidates)).isZero();
        assertThat(strategy.firstIndex("m", candidates)).isEqualTo(2);
        // From 5% up: the best.
        assertThat(strategy.firstIndex("m", candidates)).isOne();
        assertThat(strategy.firstIndex("m", candidates)).isOne();
    }

    @Test
    void aSeededRunExploresAboutFivePercent() {
        measure(300L, 100L, 200L);
        Random seeded = new Random(42);
        LeastLatency strategy = new LeastLatency(latency, 0.05, () -> seeded);

        int[] hits = new int[3];
        for (int i = 0; i < 10_000; i++) {
            hits[strategy.firstIndex("m", candidates)]++;
        }

        assertThat(hits[1]).isBetween(9_400, 9_600);
        assertThat(hits[0]).isBetween(200, 300);
        assertThat(hits[2]).isBetween(200, 300);
    }

    @Test
    void aSingleCandidateNeedsNoRandomness() {
        LeastLatency strategy = new LeastLatency(latency, 0.05, () -> {
            throw new AssertionError("no randomness needed");
        });

        assertThat(strategy.firstIndex("m", count(1))).isZero();
    }

    @Test
    void explorationShareIsValidated() {
        assertThatThrownBy(() -> new LeastLatency(latency, 1.0, ScriptedRandom::new))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeastLatency(latency, -0.1, ScriptedRandom::new))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Hands out scripted values: each {@code nextDouble} takes the next one, each {@code nextInt(bound)} takes the next
     * one times the bound.
     */
    static final class ScriptedRandom implements RandomGenerator {
        private final Deque<Double> values = new ArrayDeque<>();

        ScriptedRandom(double... values) {
            for (double value : values) {
                this.values.add(value);
            }
        }

        @Override
        public double nextDouble() {
            return values.remove();
        }

        @Override
        public int nextInt(int bound) {
            return (int) Math.min(bound - 1, values.remove() * bound);
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("scripted");
        }
    }
}
