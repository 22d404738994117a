package com.llmgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CostFirstTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("cheapest wins", new String[] {"18", "2.5", "10"}, 1),
                Arguments.of("ties keep priority order", new String[] {"5", "2", "2"}, 1),
                Arguments.of("unpriced never beats priced", new String[] {null, "40", null}, 1),
                Arguments.of("nothing priced is priority", new String[] {null, null, null}, 0),
                Arguments.of("a free mapping is cheapest", new String[] {"1", "0", "0.5"}, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void choosesTheCheapestPricedCandidate(String name, String[] prices, int expected) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            Candidate base = Candidates.candidate(i + 1, i, 1);
            candidates.add(new Candidate(
                    base.provider(),
                    base.targetModel(),
                    base.priority(),
                    base.weight(),
                    base.mappingId(),
                    prices[i] == null ? null : new BigDecimal(prices[i])));
        }

        assertThat(new CostFirst().firstIndex("m", candidates)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prices")
    void theUnitPriceIsTheMappingsOwnPerDirectionElseTheModels(
            String name, String modelIn, String modelOut, String mapIn, String mapOut, String expected) {
        ModelConfig model =
                new ModelConfig("m", "cost_first", RuleSet.EMPTY, true, List.of(), dec(modelIn), dec(modelOut));
        MappingConfig mapping = new MappingConfig(1, "m", 1, "t", RuleSet.EMPTY, 0, 1, true, dec(mapIn), dec(mapOut));

        BigDecimal price = RuleEngine.unitPrice(model, mapping);

        if (expected == null) {
            assertThat(price).isNull();
        } else {
            assertThat(price).isEqualByComparingTo(expected);
        }
    }

    static Stream<Arguments> prices() {
        return Stream.of(
                Arguments.of("model only", "3", "15", null, null, "18"),
                Arguments.of("mapping only", null, null, "1", "2", "3"),
                Arguments.of("mixed per direction", "3", "15", "1", null, "16"),
                Arguments.of("a direction unknown", "3", null, null, null, null));
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
