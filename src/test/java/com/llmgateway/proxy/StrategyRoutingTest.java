package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.Strategies;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A model's {@code strategy} chooses the first attempt on the request path (issue 4, item 1). */
class StrategyRoutingTest {
    static FakeUpstream a;
    static FakeUpstream b;
    static FakeUpstream c;
    static TestGateway gw;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        a = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("t", "a")));
        b = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("t", "b")));
        c = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("t", "c")));
        gw = TestGateway.start();
        client = OpenAIOkHttpClient.builder()
                .baseUrl(gw.baseUrl() + "/v1")
                .apiKey(Routing.KEY)
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
        a.close();
        b.close();
        c.close();
    }

    private static Routing three() {
        return Routing.builder()
                .provider(1, a.baseUrl(), Protocol.OPENAI)
                .provider(2, b.baseUrl(), Protocol.OPENAI)
                .provider(3, c.baseUrl(), Protocol.OPENAI);
    }

    @Test
    void weightedRoutesFiveToOneToOneAsASmoothSequence() {
        gw.routing(three().map("w", 1, "t", 0)
                .map("w", 2, "t", 0)
                .map("w", 3, "t", 0)
                .weight("w", 1, 5)
                .strategy("w", Strategies.WEIGHTED)
                .build());

        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            answered.add(chat("w"));
        }

        // nginx's smooth weighted round robin: the heavy provider's turns are spread, never five in a row.
        assertThat(String.join("", answered)).isEqualTo("aabacaa" + "aabacaa");
    }

    @Test
    void leastLatencyPrefersTheFasterProvider() {
        a.setFallback(FakeUpstream.delayed(
                Duration.ofMillis(150), FakeUpstream.json(200, Payloads.chatCompletion("t", "a"))));
        try {
            gw.routing(three().map("fast", 1, "t", 0)
                    .map("fast", 2, "t", 1)
                    .strategy("fast", Strategies.LEAST_LATENCY)
                    .build());
            // Each candidate is measured once first, the unmeasured one going first.
            assertThat(chat("fast")).isEqualTo("a");
            assertThat(chat("fast")).isEqualTo("b");

            int fromB = 0;
            for (int i = 0; i < 20; i++) {
                fromB += chat("fast").equals("b") ? 1 : 0;
            }

            // 5% of requests explore the other provider; more than five of 20 would be a 1-in-3000 run.
            assertThat(fromB).isGreaterThanOrEqualTo(15);
        } finally {
            a.setFallback(FakeUpstream.json(200, Payloads.chatCompletion("t", "a")));
        }
    }

    @Test
    void costFirstSendsFirstAttemptsToTheCheapestMappingAndFailsOverInPriorityOrder() {
        gw.routing(three().map("cheap", 1, "t", 0)
                .map("cheap", 2, "t", 1)
                .map("cheap", 3, "t", 2)
                .modelPrices("cheap", new java.math.BigDecimal("3"), new java.math.BigDecimal("15"))
                .mappingPrices("cheap", 3, new java.math.BigDecimal("0.5"), new java.math.BigDecimal("2"))
                .strategy("cheap", Strategies.COST_FIRST)
                .build());

        for (int i = 0; i < 5; i++) {
            assertThat(chat("cheap")).isEqualTo("c");
        }
        c.enqueue(
                FakeUpstream.json(503, Payloads.openAiError("down")),
                FakeUpstream.json(503, Payloads.openAiError("down")),
                FakeUpstream.json(503, Payloads.openAiError("down")));
        assertThat(chat("cheap")).isEqualTo("a"); // after C's attempts, the best priority
    }

    private static String chat(String model) {
        return client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("hi")
                        .build())
                .choices()
                .get(0)
                .message()
                .content()
                .orElseThrow();
    }
}
