package com.llmgateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.LogTable;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens and cost end to end: the log row of a priced, an override-priced, an unpriced and an estimated request. */
class AccountingIntegrationTest {
    static FakeUpstream withUsage;
    static FakeUpstream withoutUsage;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        // Payloads.chatCompletion reports 5 prompt and 7 completion tokens.
        withUsage = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("t", "hello")));
        withoutUsage = FakeUpstream.start(FakeUpstream.json(200, """
                {"id":"x","object":"chat.completion","created":1,"model":"t","choices":[{"index":0,\
                "message":{"role":"assistant","content":"a reply of several words"},"finish_reason":"stop"}]}"""));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, withUsage.baseUrl(), Protocol.OPENAI)
                .provider(2, withoutUsage.baseUrl(), Protocol.OPENAI)
                .map("priced", 1, "t", 0)
                .modelPrices("priced", new BigDecimal("2.5"), new BigDecimal("10"))
                .map("override", 1, "t", 0)
                .modelPrices("override", new BigDecimal("2.5"), new BigDecimal("10"))
                .mappingPrices("override", 1, new BigDecimal("1"), null)
                .map("unpriced", 1, "t", 0)
                .map("estimated", 2, "t", 0)
                .modelPrices("estimated", new BigDecimal("1"), new BigDecimal("1"))
                .build());
    }

    @AfterAll
    static void stop() {
        gw.close();
        withUsage.close();
        withoutUsage.close();
    }

    private static LogTable.Row chat(String model) {
        HttpResponse<String> response = Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to everyone\"}]}",
                Http.bearer(Routing.KEY));
        assertThat(response.statusCode()).isEqualTo(200);
        return LogTable.awaitRow(
                gw, response.headers().firstValue("x-gateway-trace-id").orElseThrow());
    }

    @Test
    void aPricedModelIsCostedFromTheProvidersUsageRoundedUp() {
        LogTable.Row row = chat("priced");

        assertThat(row.number("input_tokens")).isEqualTo(5);
        assertThat(row.number("output_tokens")).isEqualTo(7);
        assertThat(row.text("usage_source")).isEqualTo("provider");
        // 5 / 1e6 * 2.5 = 0.0000125 -> 0.0001 (up); 7 / 1e6 * 10 = 0.00007 -> 0.0001; total 0.0002.
        assertThat(row.decimal("input_cost")).isEqualByComparingTo("0.0001");
        assertThat(row.decimal("output_cost")).isEqualByComparingTo("0.0001");
        assertThat(row.decimal("total_cost")).isEqualByComparingTo("0.0002");
        assertThat(row.text("price_source")).isEqualTo("ModelFallback");
    }

    @Test
    void aMappingPriceOverridesTheModelsPerDirection() {
        LogTable.Row row = chat("override");

        assertThat(row.text("price_source")).isEqualTo("SupplierOverride");
        assertThat(row.decimal("input_cost")).isEqualByComparingTo("0.0001"); // 5 tokens at $1/M, rounded up
        assertThat(row.decimal("output_cost")).isEqualByComparingTo("0.0001"); // the model's $10/M
    }

    @Test
    void aModelWithoutPricesIsRecordedUnpricedNotAsZero() {
        LogTable.Row row = chat("unpriced");

        assertThat(row.text("price_source")).isEqualTo("unpriced");
        assertThat(row.decimal("total_cost")).isNull();
        assertThat(row.number("output_tokens")).isEqualTo(7);
    }

    @Test
    void aProviderThatReportsNoUsageIsCountedLocallyAndFlagged() {
        LogTable.Row row = chat("estimated");

        assertThat(row.text("usage_source")).isEqualTo("estimate");
        assertThat(row.number("input_tokens")).isPositive();
        assertThat(row.number("output_tokens")).isPositive();
        assertThat(row.decimal("total_cost")).isNotNull();
    }
}
