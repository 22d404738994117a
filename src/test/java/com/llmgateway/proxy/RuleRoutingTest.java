package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.RuleSet;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rule engine on the request path: header, body and token rules choose providers; no match is a 503. */
class RuleRoutingTest {
    static FakeUpstream fast;
    static FakeUpstream cheap;
    static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        fast = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("fast", "from fast")));
        cheap = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("cheap", "from cheap")));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, fast.baseUrl(), Protocol.OPENAI)
                .provider(2, cheap.baseUrl(), Protocol.OPENAI)
                .map(
                        "by-header",
                        1,
                        "fast",
                        0,
                        rules("{\"rules\":[{\"field\":\"headers.x-priority\",\"value\":\"high\"}]}"))
                .map(
                        "by-header",
                        2,
                        "cheap",
                        1,
                        rules(
                                "{\"rules\":[{\"field\":\"headers.x-priority\",\"operator\":\"ne\",\"value\":\"high\"}]}"))
                .map(
                        "by-body",
                        1,
                        "fast",
                        0,
                        rules("{\"logic\":\"or\",\"rules\":["
                                + "{\"field\":\"body.temperature\",\"operator\":\"lt\",\"value\":0.3},"
                                + "{\"field\":\"body.messages[0].role\",\"operator\":\"eq\",\"value\":\"system\"}]}"))
                .map(
                        "by-tokens",
                        2,
                        "cheap",
                        0,
                        rules(
                                "{\"rules\":[{\"field\":\"token_usage.input_tokens\",\"operator\":\"lt\",\"value\":50}]}"))
                .model("gated", true)
                .modelRules(
                        "gated",
                        rules("{\"rules\":[{\"field\":\"headers.x-team\",\"operator\":\"in\","
                                + "\"value\":[\"research\",\"ml\"]}]}"))
                .map("gated", 1, "fast", 0)
                .build());
    }

    @AfterAll
    static void stop() {
        gw.close();
        fast.close();
        cheap.close();
    }

    private static RuleSet rules(String json) throws Exception {
        return RuleSet.parse(new ObjectMapper().readTree(json));
    }

    private static HttpResponse<String> chat(String model, String extra, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(Http.bearer(Routing.KEY));
        all.putAll(headers);
        return Http.post(
                gw.baseUrl() + "/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":" + extra + "}", all);
    }

    @Test
    void aHeaderRuleChoosesTheProvider() {
        String user = "[{\"role\":\"user\",\"content\":\"hi\"}]";
        assertThat(chat("by-header", user, Map.of("x-priority", "high")).body()).contains("from fast");
        assertThat(chat("by-header", user, Map.of("x-priority", "low")).body()).contains("from cheap");
        assertThat(chat("by-header", user, Map.of()).body()).contains("from cheap");
    }

    @Test
    void bodyRulesWithOrLogicAndArrayPaths() {
        assertThat(chat("by-body", "[{\"role\":\"system\",\"content\":\"x\"}]", Map.of())
                        .body())
                .contains("from fast");
        HttpResponse<String> none = chat("by-body", "[{\"role\":\"user\",\"content\":\"x\"}]", Map.of());
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.body()).contains("No providers matched the rules").contains("no_available_provider");
    }

    @Test
    void tokenUsageRulesCountTheInput() {
        assertThat(chat("by-tokens", "[{\"role\":\"user\",\"content\":\"short\"}]", Map.of())
                        .statusCode())
                .isEqualTo(200);
        String longText = "word ".repeat(200);
        assertThat(chat("by-tokens", "[{\"role\":\"user\",\"content\":\"" + longText + "\"}]", Map.of())
                        .statusCode())
                .isEqualTo(503);
    }

    @Test
    void modelLevelRulesGateEveryProvider() {
        String user = "[{\"role\":\"user\",\"content\":\"hi\"}]";
        assertThat(chat("gated", user, Map.of("x-team", "ml")).statusCode()).isEqualTo(200);
        assertThat(chat("gated", user, Map.of("x-team", "sales")).statusCode()).isEqualTo(503);
    }
}
