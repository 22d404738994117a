package com.llmgateway.routing;

import static com.llmgateway.routing.Candidates.count;
import static com.llmgateway.routing.Candidates.sequence;
import static com.llmgateway.routing.Candidates.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrategiesTest {
    private final Strategies strategies = Strategies.standard(new LatencyTracker());

    static Stream<Arguments> sequences() {
        return Stream.of(
                // The original's rotation, unchanged.
                arguments("round_robin", count(3), List.of(0, 1, 2, 0, 1, 2, 0)),
                arguments("round_robin", weighted(5, 1, 1), List.of(0, 1, 2, 0, 1, 2, 0)),
                // Smooth: the heavy candidate's five turns are spread, not a burst a,a,a,a,a,b,c.
                arguments("weighted", weighted(5, 1, 1), List.of(0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 0, 2, 0, 0)),
                arguments("weighted", weighted(1, 1, 1), List.of(0, 1, 2, 0, 1, 2)),
                arguments("weighted", weighted(2, 1), List.of(0, 1, 0, 0, 1, 0)),
                arguments("weighted", weighted(1, 2), List.of(1, 0, 1, 1, 0, 1)),
                arguments("weighted", weighted(5, 1), List.of(0, 0, 0, 1, 0, 0)),
                // Equal scores go to the better priority.
                arguments("weighted", weighted(3, 3), List.of(0, 1, 0, 1)),
                // Weights below 1 count as 1.
                arguments("weighted", weighted(0, 1), List.of(0, 1, 0, 1)),
                arguments("weighted", weighted(7), List.of(0, 0, 0)),
                arguments("priority", weighted(1, 5, 9), List.of(0, 0, 0, 0)),
                // No samples yet: the first unmeasured candidate, every time, until it is measured.
                arguments("least_latency", count(3), List.of(0, 0, 0)));
    }

    @ParameterizedTest(name = "{0} over {1} -> {2}")
    @MethodSource("sequences")
    void eachStrategyChoosesItsSequence(String name, List<Candidate> candidates, List<Integer> expected) {
        SelectionStrategy strategy = strategies.forName(name);

        assertThat(strategy.name()).isEqualTo(name);
        assertThat(sequence(strategy, candidates, expected.size())).isEqualTo(expected);
    }

    @Test
    void everyPublishedNameHasItsStrategy() {
        for (String name : Strategies.NAMES) {
            assertThat(Strategies.isKnown(name)).isTrue();
            assertThat(strategies.forName(name).name()).isEqualTo(name);
        }
        assertThat(Strategies.DEFAULT).isEqualTo("round_robin");
    }

    @Test
    void unknownNamesFallBackToRoundRobin() {
        assertThat(Strategies.isKnown("cheapest")).isFalse();
        assertThat(strategies.forName("cheapest").name()).isEqualTo("round_robin");
        assertThat(strategies.forName("ROUND_ROBIN").name()).isEqualTo("round_robin");
        assertThat(strategies.forName(null).name()).isEqualTo("round_robin");
    }

    @Test
    void theModelsStrategyFieldChooses() {
        ModelConfig model = new ModelConfig("m", "priority", RuleSet.EMPTY, true, List.of());

        assertThat(strategies.forModel(model).name()).isEqualTo("priority");
    }

    @Test
    void retainOnlyResetsStateOfDeletedModelsInEveryStrategy() {
        SelectionStrategy roundRobin = strategies.forName("round_robin");
        SelectionStrategy weighted = strategies.forName("weighted");
        roundRobin.firstIndex("gone", count(2));
        weighted.firstIndex("gone", weighted(1, 1));

        strategies.retainOnly(Set.of("kept"));

        assertThat(roundRobin.firstIndex("gone", count(2))).isZero();
        assertThat(weighted.firstIndex("gone", weighted(1, 1))).isZero();
    }

    @Test
    void strategiesNeedUniqueNamesAndTheFallback() {
        assertThatThrownBy(() -> new Strategies(List.of(new PriorityFirst())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("round_robin");
        assertThatThrownBy(() -> new Strategies(List.of(new RoundRobin(), new RoundRobin())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two strategies");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void noStrategyChoosesFromNothing(String name) {
        assertThatThrownBy(() -> strategies.forName(name).firstIndex("m", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<String> names() {
        return Strategies.NAMES.stream();
    }
}
