package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.llmgateway.health.HealthKey;
import com.llmgateway.health.HealthSnapshot;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.Strategies;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Errors inside a 200 stream (issue 4, item 5): a stream whose opening is followed by an error instead of content
 * fails over, and the client's bytes are exactly the next provider's stream; only when nothing is left does the client
 * get the failed stream as it was.
 */
class StreamErrorFailoverTest {
    static final String OVERLOADED = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
            + "\"message\":\"Overloaded\"}}\n\n";
    static final String PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    static final String ROLE = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-a\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"finish_reason\":null}]}\n\n";
    static final String OPENAI_ERROR = "data: {\"error\":{\"message\":\"The server is overloaded\","
            + "\"type\":\"server_error\",\"code\":\"server_overloaded\"}}\n\n";
    static final List<String> CLAUDE_B = Payloads.anthropicEvents("claude-b", "Hel", "lo");
    static final List<String> GPT_A = Payloads.chatChunks("gpt-a", "from ", "A");
    static final List<String> GPT_B = Payloads.chatChunks("gpt-b", "from ", "B");

    static FakeUpstream claudeA;
    static FakeUpstream claudeB;
    static FakeUpstream gptA;
    static FakeUpstream gptB;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        claudeA = FakeUpstream.start(
                FakeUpstream.sse(Payloads.anthropicEvents("claude-a", "from A"), Duration.ofMillis(1)));
        claudeB = FakeUpstream.start(FakeUpstream.sse(CLAUDE_B, Duration.ofMillis(1)));
        gptA = FakeUpstream.start(FakeUpstream.sse(GPT_A, Duration.ofMillis(1)));
        gptB = FakeUpstream.start(FakeUpstream.sse(GPT_B, Duration.ofMillis(1)));
        gw = TestGateway.start();
    }

    @BeforeEach
    void reset() {
        for (FakeUpstream upstream : List.of(claudeA, claudeB, gptA, gptB)) {
            upstream.reset();
        }
        gw.routing(Routing.builder()
                .provider(1, claudeA.baseUrl(), Protocol.ANTHROPIC)
                .provider(2, claudeB.baseUrl(), Protocol.ANTHROPIC)
                .provider(3, gptA.baseUrl(), Protocol.OPENAI)
                .provider(4, gptB.baseUrl(), Protocol.OPENAI)
                .map("claude", 1, "claude-a", 0)
                .map("claude", 2, "claude-b", 1)
                .strategy("claude", Strategies.PRIORITY)
                .map("claude-solo", 1, "claude-a", 0)
                .map("gpt", 3, "gpt-a", 0)
                .map("gpt", 4, "gpt-b", 1)
                .strategy("gpt", Strategies.PRIORITY)
                .build());
    }

    @AfterAll
    static void stop() {
        gw.close();
        for (FakeUpstream upstream : List.of(claudeA, claudeB, gptA, gptB)) {
            upstream.close();
        }
    }

    @Test
    void anAnthropicStreamThatOpensWithOverloadedErrorFailsOverInvisibly() {
        List<String> opening = Payloads.anthropicEvents("claude-a").subList(0, 2);
        claudeA.enqueue(
                FakeUpstream.sse(List.of(opening.get(0), PING, opening.get(1), OVERLOADED), Duration.ofMillis(1)));

        HttpResponse<byte[]> response = messages("claude");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(String.join("", CLAUDE_B));
        ExchangeRecord record =
                gw.record(response.headers().firstValue(Relay.TRACE_HEADER).orElseThrow());
        assertThat(record.attempts()).extracting(AttemptRecord::providerId).containsExactly(1L, 2L);
        assertThat(record.attempts().get(0).status()).isEqualTo(529);
        assertThat(record.attempts().get(0).error())
                .hasValueSatisfying(e -> assertThat(e).contains("Overloaded"));
        assertThat(record.retryCount()).isEqualTo(1);
        HealthSnapshot mapping = gw.gateway().health().snapshot(mappingOf("claude", 1));
        assertThat(mapping.lastError()).hasValueSatisfying(e -> assertThat(e).contains("Overloaded"));
    }

    @Test
    void theAnthropicSdkReadsOnlyTheSecondProvidersStream() {
        claudeA.enqueue(FakeUpstream.sse(
                List.of(Payloads.anthropicEvents("claude-a").get(0), OVERLOADED), Duration.ofMillis(1)));
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl(gw.baseUrl())
                .apiKey(Routing.KEY)
                .maxRetries(0)
                .build();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                .createStreaming(MessageCreateParams.builder()
                        .model("claude")
                        .maxTokens(64)
                        .addUserMessage("hi")
                        .build())) {
            String text = stream.stream()
                    .flatMap(event -> event.contentBlockDelta().stream())
                    .flatMap(delta -> delta.delta().text().stream())
                    .map(textDelta -> textDelta.text())
                    .collect(Collectors.joining());

            assertThat(text).isEqualTo("Hello");
        } finally {
            client.close();
        }
    }

    @Test
    void anOpenAiStreamWhoseFirstChunkAfterTheRoleIsAnErrorFailsOverInvisibly() {
        gptA.enqueue(FakeUpstream.sse(List.of(ROLE, OPENAI_ERROR), Duration.ofMillis(1)));

        HttpResponse<byte[]> response = chat("gpt");

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(String.join("", GPT_B));
        ExchangeRecord record =
                gw.record(response.headers().firstValue(Relay.TRACE_HEADER).orElseThrow());
        assertThat(record.attempts()).extracting(AttemptRecord::status).containsExactly(503, 200);
        assertThat(gptA.count()).isEqualTo(1);
    }

    @Test
    void aStreamCutBeforeItsFirstContentIsRetriedInvisibly() {
        gptA.enqueue(FakeUpstream.sseThenCut(List.of(ROLE)));

        HttpResponse<byte[]> response = chat("gpt");

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(String.join("", GPT_A));
        assertThat(gptA.count()).isEqualTo(2);
        assertThat(gptB.count()).isZero();
    }

    @Test
    void withNothingLeftToTryTheFailedStreamIsRelayedAsItWas() {
        String start = Payloads.anthropicEvents("claude-a").get(0);
        claudeA.enqueue(FakeUpstream.sse(List.of(start, OVERLOADED), Duration.ofMillis(1)));

        HttpResponse<byte[]> response = messages("claude-solo");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(start + OVERLOADED);
        assertThat(claudeA.count()).isEqualTo(1);
    }

    private static HttpResponse<byte[]> messages(String model) {
        return Http.postForBytes(
                gw.baseUrl() + "/v1/messages",
                ("{\"model\":\"" + model + "\",\"max_tokens\":16,\"stream\":true,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                        .getBytes(StandardCharsets.UTF_8),
                Http.bearer(Routing.KEY));
    }

    private static HttpResponse<byte[]> chat(String model) {
        return Http.postForBytes(
                gw.baseUrl() + "/v1/chat/completions",
                ("{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                        .getBytes(StandardCharsets.UTF_8),
                Http.bearer(Routing.KEY));
    }

    private static HealthKey mappingOf(String model, long providerId) {
        return gw.gateway().snapshots().get().model(model).orElseThrow().mappings().stream()
                .filter(m -> m.providerId() == providerId)
                .map(m -> HealthKey.mapping(providerId, m.id()))
                .findFirst()
                .orElseThrow();
    }
}
