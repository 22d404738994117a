package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.ToolUseBlock;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients served by a provider of the other protocol, through the official SDKs: what they assemble is what the same
 * provider payload gives a client of the provider's own protocol.
 */
class CrossProtocolTest {
    static FakeUpstream openAi;
    static FakeUpstream anthropic;
    static TestGateway gw;
    static AnthropicClient anthropicSdk;
    static OpenAIClient openAiSdk;

    @BeforeAll
    static void start() {
        openAi = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("gpt-target", "hello")));
        anthropic = FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "hello")));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, openAi.baseUrl(), Protocol.OPENAI)
                .provider(2, anthropic.baseUrl(), Protocol.ANTHROPIC)
                .map("on-openai", 1, "gpt-target", 0)
                .map("on-anthropic", 2, "claude-target", 0)
                .build());
        anthropicSdk = Sdks.anthropic(gw.baseUrl(), Routing.KEY);
        openAiSdk = Sdks.openAi(gw.baseUrl(), Routing.KEY);
    }

    @BeforeEach
    void reset() {
        openAi.reset();
        anthropic.reset();
    }

    @AfterAll
    static void stop() {
        anthropicSdk.close();
        openAiSdk.close();
        gw.close();
        openAi.close();
        anthropic.close();
    }

    private static MessageCreateParams.Builder message(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(64).addUserMessage("Say hello");
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
    }

    private static String text(Message message) {
        return message.content().stream()
                .flatMap(block -> block.text().stream())
                .map(TextBlock::text)
                .collect(Collectors.joining());
    }

    private static ExchangeRecord record(com.anthropic.core.http.HttpResponse raw) {
        return gw.record(raw.headers().values(Relay.TRACE_HEADER).get(0));
    }

    private static ExchangeRecord record(com.openai.core.http.HttpResponse raw) {
        return gw.record(raw.headers().values(Relay.TRACE_HEADER).get(0));
    }

    @Test
    void anthropicSdkNonStreamAgainstAnOpenAiProvider() {
        var raw = anthropicSdk
                .messages()
                .withRawResponse()
                .create(message("on-openai").build());
        Message message = raw.parse();

        assertThat(text(message)).isEqualTo("hello");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(5);
        assertThat(message.usage().outputTokens()).isEqualTo(7);
        FakeUpstream.Recorded seen = openAi.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.bodyText()).contains("\"model\":\"gpt-target\"");
        assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + Routing.PROVIDER_KEY);
        assertThat(seen.headers().contains("x-api-key")).isFalse();

        // The log reads usage from the provider's own answer, as for a direct call with the same payload.
        ExchangeRecord translated = record(raw);
        ExchangeRecord direct = gw.record(Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"on-openai\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Http.bearer(Routing.KEY)));
        assertThat(translated.summary().providerUsage())
                .isEqualTo(direct.summary().providerUsage());
        assertThat(translated.summary().outputText()).isEqualTo("hello");
    }

    @Test
    void anthropicSdkGetsTheOpenAiProvidersToolCall() {
        openAi.enqueue(FakeUpstream.json(200, Payloads.chatCompletionWithToolCall("gpt-target")));

        Message message = anthropicSdk.messages().create(message("on-openai").build());

        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock tool = message.content().stream()
                .flatMap(block -> block.toolUse().stream())
                .findFirst()
                .orElseThrow();
        assertThat(tool.id()).isEqualTo("call_1");
        assertThat(tool.name()).isEqualTo("get_weather");
        assertThat(tool._input()).isEqualTo(JsonValue.from(Map.of("city", "Paris")));
    }

    @Test
    void anthropicSdkStreamAgainstAnOpenAiProvider() {
        List<String> events = new ArrayList<>(Payloads.chatChunks("gpt-target", "Hel", "lo, ", "world", "!"));
        events.add(events.size() - 1, usageChunk());
        openAi.enqueue(FakeUpstream.sse(events, Duration.ofMillis(5)));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                anthropicSdk.messages().createStreaming(message("on-openai").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        FakeUpstream.Recorded seen = openAi.lastRequest();
        assertThat(text(message)).isEqualTo(directChatStreamText(events));
        assertThat(text(message)).isEqualTo("Hello, world!");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(7);
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.bodyText()).contains("\"stream\":true").contains("\"include_usage\":true");
    }

    private static String usageChunk() {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-target\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}}\n\n";
    }

    /** The text the OpenAI SDK assembles from the same provider events, called directly (same protocol). */
    private static String directChatStreamText(List<String> events) {
        openAi.enqueue(FakeUpstream.sse(events, Duration.ofMillis(1)));
        StringBuilder text = new StringBuilder();
        try (var stream =
                openAiSdk.chat().completions().createStreaming(chat("on-openai").build())) {
            stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .forEach(choice -> choice.delta().content().ifPresent(text::append));
        }
        return text.toString();
    }

    @Test
    void openAiSdkNonStreamAgainstAnAnthropicProvider() {
        var raw = openAiSdk
                .chat()
                .completions()
                .withRawResponse()
                .create(chat("on-anthropic").build());
        ChatCompletion completion = raw.parse();

        assertThat(completion.choices().get(0).message().content()).hasValue("hello");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(9);
        assertThat(usage.completionTokens()).isEqualTo(4);
        assertThat(usage.totalTokens()).isEqualTo(13);
        FakeUpstream.Recorded seen = anthropic.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.bodyText()).contains("\"model\":\"claude-target\"").contains("\"max_tokens\"");
        assertThat(seen.headers().getAll("x-api-key")).containsExactly(Routing.PROVIDER_KEY);
        assertThat(seen.headers().getAll("anthropic-version")).hasSize(1);
        assertThat(seen.headers().contains("authorization")).isFalse();

        var direct = anthropicSdk
                .messages()
                .withRawResponse()
                .create(message("on-anthropic").build());
        assertThat(text(direct.parse())).isEqualTo("hello");
        assertThat(record(raw).summary().providerUsage())
                .isEqualTo(record(direct).summary().providerUsage());
    }

    @Test
    void openAiSdkStreamAgainstAnAnthropicProvider() {
        anthropic.enqueue(FakeUpstream.sse(
                Payloads.anthropicEvents("claude-target", "Hel", "lo, ", "world", "!"), Duration.ofMillis(5)));

        StringBuilder text = new StringBuilder();
        List<CompletionUsage> usages = new ArrayList<>();
        List<ChatCompletionChunk.Choice.FinishReason> finishes = new ArrayList<>();
        try (var stream = openAiSdk
                .chat()
                .completions()
                .createStreaming(chat("on-anthropic")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            stream.stream().forEach(chunk -> {
                chunk.usage().ifPresent(usages::add);
                chunk.choices().forEach(choice -> {
                    choice.delta().content().ifPresent(text::append);
                    choice.finishReason().ifPresent(finishes::add);
                });
            });
        }

        assertThat(text.toString()).isEqualTo("Hello, world!");
        assertThat(finishes).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(usages).hasSize(1);
        assertThat(usages.get(0).promptTokens()).isEqualTo(9);
        assertThat(usages.get(0).completionTokens()).isEqualTo(5);
        assertThat(anthropic.lastRequest().path()).isEqualTo("/v1/messages");
    }

    @Test
    void aProviderErrorReachesTheClientInItsOwnProtocol() {
        openAi.enqueue(FakeUpstream.json(
                400,
                "{\"error\":{\"message\":\"context too long\",\"type\":\"invalid_request_error\",\"code\":null,"
                        + "\"param\":null}}"));

        assertThatThrownBy(() ->
                        anthropicSdk.messages().create(message("on-openai").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("context too long");

        anthropic.enqueue(FakeUpstream.json(
                400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad image\"}}"));
        HttpResponse<String> raw = Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"on-anthropic\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Http.bearer(Routing.KEY));
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.body()).contains("\"message\":\"bad image\"").contains("\"type\":\"invalid_request_error\"");
        assertThat(raw.body()).doesNotContain("\"type\":\"error\"");
    }

    @Test
    void aRequestTheProviderCannotReceiveIsRefusedWithoutCallingIt() {
        HttpResponse<String> raw = Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"on-anthropic\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"functions\":[{\"name\":\"f\",\"parameters\":{}}]}",
                Http.bearer(Routing.KEY));

        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.body()).contains("functions").contains("\"error\":{");
        assertThat(anthropic.requests()).isEmpty();
    }

    /**
     * No buffering: the provider sends one event every 100 ms, and each translated event reaches a raw streaming
     * client about 100 ms after the one before, not all at the end.
     */
    @Test
    void translatedEventsArriveAsTheProviderSendsThem() throws Exception {
        String[] pieces = {"a", "b", "c", "d", "e", "f"};
        anthropic.enqueue(FakeUpstream.sse(Payloads.anthropicEvents("claude-target", pieces), Duration.ofMillis(100)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + Routing.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"on-anthropic\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();

        HttpResponse<InputStream> response = TestGateway.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            int next = 0;
            while ((line = lines.readLine()) != null) {
                if (next < pieces.length && line.contains("\"content\":\"" + pieces[next] + "\"")) {
                    arrivals.add(System.nanoTime() / 1_000_000);
                    next++;
                }
            }
        }

        assertThat(arrivals).hasSize(pieces.length);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - 1))
                    .as("gap before piece %d", i)
                    .isBetween(60L, 160L);
        }
    }

    @Test
    void sameProtocolEndpointsStillOnlyUseProvidersOfTheirProtocol() {
        HttpResponse<String> raw = Http.post(
                gw.baseUrl() + "/v1/embeddings",
                "{\"model\":\"on-anthropic\",\"input\":\"hi\"}",
                Http.bearer(Routing.KEY));

        assertThat(raw.statusCode()).isEqualTo(503);
        assertThat(anthropic.requests()).isEmpty();
        assertThat(Optional.of(raw.body()))
                .hasValueSatisfying(body -> assertThat(body).contains("speaks"));
    }
}
