package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.Tool;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token counts for Anthropic clients (Claude Code counts before it compacts) whose model only OpenAI-protocol
 * providers serve: estimated by the gateway, flagged as such, and never sent to a provider.
 */
class LocalTokenCountTest {
    static FakeUpstream openAi;
    static FakeUpstream anthropic;
    static TestGateway gw;
    static AnthropicClient sdk;

    @BeforeAll
    static void start() {
        openAi = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("gpt-4o", "hello")));
        anthropic = FakeUpstream.start(FakeUpstream.json(200, Payloads.countTokens(17)));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, openAi.baseUrl(), Protocol.OPENAI)
                .provider(2, anthropic.baseUrl(), Protocol.ANTHROPIC)
                .map("on-openai", 1, "gpt-4o", 0)
                .map("on-both", 1, "gpt-4o", 0)
                .map("on-both", 2, "claude-target", 1)
                .build());
        sdk = Sdks.anthropic(gw.baseUrl(), Routing.KEY);
    }

    @BeforeEach
    void reset() {
        openAi.reset();
        anthropic.reset();
    }

    @AfterAll
    static void stop() {
        sdk.close();
        gw.close();
        openAi.close();
        anthropic.close();
    }

    private static MessageCountTokensParams.Builder count(String model, String text) {
        return MessageCountTokensParams.builder().model(model).addUserMessage(text);
    }

    @Test
    void aModelServedOnlyByOpenAiProvidersIsCountedByTheGatewayAndFlagged() {
        var raw = sdk.messages()
                .withRawResponse()
                .countTokens(count("on-openai", "How many tokens is this?").build());
        MessageTokensCount counted = raw.parse();

        assertThat(counted.inputTokens()).isBetween(8L, 20L);
        assertThat(raw.headers().values(LocalTokenCount.ESTIMATE_HEADER)).containsExactly("estimate");
        assertThat(openAi.requests()).isEmpty();
        assertThat(anthropic.requests()).isEmpty();
        ExchangeRecord record =
                gw.record(raw.headers().values(Relay.TRACE_HEADER).get(0));
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.attempts()).isEmpty();
        assertThat(record.errorInfo()).isEmpty();
        assertThat(record.endpoint()).isEqualTo(Endpoint.COUNT_TOKENS);
    }

    /** What Claude Code's context lives on: the system prompt and the tools count, not only the messages. */
    @Test
    void theSystemPromptAndToolsAreCounted() {
        long bare = sdk.messages().countTokens(count("on-openai", "hi").build()).inputTokens();
        String system = "You are a careful assistant. ".repeat(200);
        Tool tool = Tool.builder()
                .name("read_file")
                .description("Reads a file of the workspace and returns its text. ".repeat(20))
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("path", Map.of("type", "string"))))
                        .build())
                .build();

        long withSystem = sdk.messages()
                .countTokens(count("on-openai", "hi").system(system).build())
                .inputTokens();
        long withTool = sdk.messages()
                .countTokens(count("on-openai", "hi").addTool(tool).build())
                .inputTokens();

        assertThat(withSystem - bare).as("200 six-token sentences").isBetween(1_100L, 1_300L);
        assertThat(withTool - bare).as("a 20-sentence tool description").isGreaterThan(200L);
    }

    @Test
    void aModelWithAnAnthropicProviderStillAsksTheProvider() {
        var raw = sdk.messages()
                .withRawResponse()
                .countTokens(count("on-both", "hi").build());

        assertThat(raw.parse().inputTokens()).isEqualTo(17);
        assertThat(raw.headers().values(LocalTokenCount.ESTIMATE_HEADER)).isEmpty();
        assertThat(anthropic.lastRequest().path()).isEqualTo("/v1/messages/count_tokens");
    }

    @Test
    void aRequestAnOpenAiProviderCouldNotTakeIsRefusedInAnthropicShape() {
        HttpResponse<String> raw = Http.post(
                gw.baseUrl() + "/v1/messages/count_tokens",
                "{\"model\":\"on-openai\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]}",
                Map.of("x-api-key", Routing.KEY, "content-type", "application/json"));

        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.body()).contains("\"type\":\"error\"").contains("web_search");
        assertThat(openAi.requests()).isEmpty();
    }
}
