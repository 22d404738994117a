package com.llmgateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Empty cells are null: an unknown token count, a missing price, or no amount. */
class CostCalculatorTest {
    private final CostCalculator calculator = new CostCalculator();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                  | in tokens | out tokens | in price      | out price | source            | in cost       | out cost | total
            exact amounts keep 4 decimals           | 1000      | 500        | 2.5           | 10        | MODEL_FALLBACK    | 0.0025        | 0.0050   | 0.0075
            a fraction of 0.0001 is rounded up      | 1         | 1          | 2.5           | 10        | MODEL_FALLBACK    | 0.0001        | 0.0001   | 0.0002
            just above a step rounds up             | 401       | 999        | 0.25          | 0.1       | MODEL_FALLBACK    | 0.0002        | 0.0001   | 0.0003
            exactly on a step stays                 | 400       | 1000       | 0.25          | 0.1       | MODEL_FALLBACK    | 0.0001        | 0.0001   | 0.0002
            total is the sum of rounded directions  | 1         | 1          | 0.01          | 0.01      | MODEL_FALLBACK    | 0.0001        | 0.0001   | 0.0002
            large counts and the largest price      | 1000000   | 2000000    | 99999999.9999 | 0.0001    | MODEL_FALLBACK    | 99999999.9999 | 0.0002   | 100000000.0001
            billions of tokens                      | 3000000000| 0          | 15            | 60        | SUPPLIER_OVERRIDE | 45000.0000    | 0.0000   | 45000.0000
            zero tokens cost zero                   | 0         | 0          | 3             | 15        | MODEL_FALLBACK    | 0.0000        | 0.0000   | 0.0000
            a zero price is a price, not unpriced   | 1000      | 1000       | 0             | 0         | MODEL_FALLBACK    | 0.0000        | 0.0000   | 0.0000
            the source is passed through            | 1000      | 1000       | 1             | 2         | SUPPLIER_OVERRIDE | 0.0010        | 0.0020   | 0.0030
            unknown output tokens: no total         | 100       |            | 3             | 15        | MODEL_FALLBACK    | 0.0003        |          |
            unknown input tokens: no total          |           | 100        | 3             | 15        | MODEL_FALLBACK    |               | 0.0015   |
            no token counts at all                  |           |            | 3             | 15        | MODEL_FALLBACK    |               |          |
            input priced only                       | 1000      | 1000       | 3             |           | MODEL_FALLBACK    | 0.0030        |          |
            output priced only, by the mapping      | 1000      | 1000       |               | 15        | SUPPLIER_OVERRIDE |               | 0.0150   |
            no price at all                         | 1000      | 1000       |               |           | UNPRICED          |               |          |
            no price and no tokens                  |           |            |               |           | UNPRICED          |               |          |
            """)
    void costsEachDirectionThenTheTotal(
            String name,
            Long inputTokens,
            Long outputTokens,
            BigDecimal inputPrice,
            BigDecimal outputPrice,
            PriceSource source,
            BigDecimal inputCost,
            BigDecimal outputCost,
            BigDecimal totalCost) {
        TokenUsage usage = new TokenUsage(inputTokens, outputTokens, null, null, null);

        Cost cost = calculator.cost(usage, new PriceQuote(inputPrice, outputPrice, source));

        // equals, not compareTo: the scale must be the 4 decimals the cost columns keep.
        assertThat(cost).isEqualTo(new Cost(inputCost, outputCost, totalCost, source));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no tokens reported  |      |
            tokens reported     | 1000 | 1000
            """)
    void anUnpricedModelIsUnpricedNeverZero(String name, Long inputTokens, Long outputTokens) {
        Cost cost = calculator.cost(new TokenUsage(inputTokens, outputTokens, null, null, null), PriceQuote.UNPRICED);

        assertThat(cost).isSameAs(Cost.UNPRICED);
        assertThat(cost.priceSource().column()).isEqualTo("unpriced");
        assertThat(cost.totalCost()).isNull();
    }

    @Test
    void cachedAndReasoningTokensAreNotChargedTwice() {
        TokenUsage usage = new TokenUsage(1000L, 1000L, 800L, 100L, 500L);

        Cost cost = calculator.cost(
                usage, new PriceQuote(new BigDecimal("1"), new BigDecimal("2"), PriceSource.MODEL_FALLBACK));

        assertThat(cost.inputCost()).isEqualTo(new BigDecimal("0.0010"));
        assertThat(cost.outputCost()).isEqualTo(new BigDecimal("0.0020"));
        assertThat(cost.totalCost()).isEqualTo(new BigDecimal("0.0030"));
    }

    @Test
    void noUsageIsUnknownTokens() {
        Cost cost = calculator.cost(null, new PriceQuote(new BigDecimal("1"), null, PriceSource.MODEL_FALLBACK));

        assertThat(cost).isEqualTo(new Cost(null, null, null, PriceSource.MODEL_FALLBACK));
    }
}
