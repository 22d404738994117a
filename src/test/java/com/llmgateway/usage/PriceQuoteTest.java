package com.llmgateway.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Empty cells are null: no price set. */
class PriceQuoteTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                | mapping in | mapping out | model in | model out | in  | out | source
            the model's prices                    |            |             | 3        | 15        | 3   | 15  | MODEL_FALLBACK
            the mapping overrides both            | 1          | 2           | 3        | 15        | 1   | 2   | SUPPLIER_OVERRIDE
            the mapping overrides input only      | 1          |             | 3        | 15        | 1   | 15  | SUPPLIER_OVERRIDE
            the mapping overrides output only     |            | 2           | 3        | 15        | 3   | 2   | SUPPLIER_OVERRIDE
            a zero override is a price            | 0          |             | 3        | 15        | 0   | 15  | SUPPLIER_OVERRIDE
            a zero model price is a price         |            |             | 0        | 0         | 0   | 0   | MODEL_FALLBACK
            the mapping alone is priced           | 1          | 2           |          |           | 1   | 2   | SUPPLIER_OVERRIDE
            input priced by the model only        |            |             | 3        |           | 3   |     | MODEL_FALLBACK
            input from model, output from mapping |            | 2           | 3        |           | 3   | 2   | SUPPLIER_OVERRIDE
            input from mapping, no output price   | 1          |             |          |           | 1   |     | SUPPLIER_OVERRIDE
            no price anywhere                     |            |             |          |           |     |     | UNPRICED
            """)
    void resolvesEachDirectionOnItsOwn(
            String name,
            BigDecimal mappingInput,
            BigDecimal mappingOutput,
            BigDecimal modelInput,
            BigDecimal modelOutput,
            BigDecimal input,
            BigDecimal output,
            PriceSource source) {
        PriceQuote quote =
                PriceQuote.resolve(new Prices(mappingInput, mappingOutput), new Prices(modelInput, modelOutput));

        assertThat(quote).isEqualTo(new PriceQuote(input, output, source));
    }

    @Test
    void noPriceIsTheUnpricedQuote() {
        assertThat(PriceQuote.resolve(Prices.NONE, Prices.NONE)).isSameAs(PriceQuote.UNPRICED);
    }

    @Test
    void theSourceMustMatchThePrices() {
        assertThatThrownBy(() -> new PriceQuote(null, null, PriceSource.MODEL_FALLBACK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PriceQuote(BigDecimal.ONE, null, PriceSource.UNPRICED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
