package com.llmgateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.Endpoint;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.testing.Routing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceQuotesTest {
    /**
     * "chat": model 3/15, provider 1 without own prices, provider 2 overriding output with 10. "free": model 0/0.
     * "bare": no prices anywhere. Provider 3 serves nothing.
     */
    private static final RoutingSnapshot SNAPSHOT = Routing.builder()
            .provider(1, "http://one.invalid/v1", Protocol.OPENAI)
            .provider(2, "http://two.invalid/v1", Protocol.OPENAI)
            .provider(3, "http://three.invalid/v1", Protocol.OPENAI)
            .map("chat", 1, "target-1", 0)
            .map("chat", 2, "target-2", 1)
            .mappingPrices("chat", 2, null, new BigDecimal("10"))
            .modelPrices("chat", new BigDecimal("3"), new BigDecimal("15"))
            .map("free", 1, "target-1", 0)
            .modelPrices("free", BigDecimal.ZERO, BigDecimal.ZERO)
            .map("bare", 1, "target-1", 0)
            .build();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | model   | attempt providers | in | out | source
            the model's prices through provider 1    | chat    | 1                 | 3  | 15  | MODEL_FALLBACK
            provider 2's override                    | chat    | 2                 | 3  | 10  | SUPPLIER_OVERRIDE
            the final attempt's mapping, not the first| chat   | 1 2               | 3  | 10  | SUPPLIER_OVERRIDE
            failover back to provider 1              | chat    | 2 1               | 3  | 15  | MODEL_FALLBACK
            no attempt: the model's prices           | chat    |                   | 3  | 15  | MODEL_FALLBACK
            a provider no longer mapped              | chat    | 3                 | 3  | 15  | MODEL_FALLBACK
            a free model is priced at zero           | free    | 1                 | 0  | 0   | MODEL_FALLBACK
            a model without prices                   | bare    | 1                 |    |     | UNPRICED
            an unknown model                         | nope    | 1                 |    |     | UNPRICED
            no model in the request                  |         |                   |    |     | UNPRICED
            """)
    void pricesTheFinalAttemptsMapping(
            String name, String model, String providers, BigDecimal input, BigDecimal output, PriceSource source) {
        PriceQuote quote = PriceQuotes.forRecord(SNAPSHOT, record(model, providers));

        assertThat(quote).isEqualTo(new PriceQuote(input, output, source));
    }

    @Test
    void pricingCostsARecordAtTheLiveSnapshotsPrices() {
        AtomicReference<RoutingSnapshot> live = new AtomicReference<>(SNAPSHOT);
        Pricing pricing = new Pricing(live::get);
        TokenUsage usage = new TokenUsage(1000L, 2000L, null, null, null);

        Cost before = pricing.cost(record("chat", "2"), usage);
        live.set(RoutingSnapshot.EMPTY);
        Cost after = pricing.cost(record("chat", "2"), usage);

        assertThat(before)
                .isEqualTo(new Cost(
                        new BigDecimal("0.0030"),
                        new BigDecimal("0.0200"),
                        new BigDecimal("0.0230"),
                        PriceSource.SUPPLIER_OVERRIDE));
        assertThat(after).isSameAs(Cost.UNPRICED);
    }

    private static ExchangeRecord record(String model, String providers) {
        List<AttemptRecord> attempts = providers == null
                ? List.of()
                : Arrays.stream(providers.split(" "))
                        .map(Long::parseLong)
                        .map(id -> new AttemptRecord(id, "provider-" + id, "t", 200, false, 5, Optional.empty()))
                        .toList();
        return new ExchangeRecord(
                "trace",
                Instant.now(),
                Endpoint.CHAT_COMPLETIONS,
                new ApiKeyEntry(1, "key", true),
                model,
                false,
                new byte[0],
                List.of(),
                attempts.size(),
                attempts,
                Math.max(0, attempts.size() - 1),
                200,
                Optional.empty(),
                Optional.empty(),
                0,
                ResponseSummary.EMPTY,
                Optional.empty());
    }
}
