package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlock;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages endpoints through the official Anthropic SDK, against an Anthropic-protocol provider. */
class AnthropicProxyTest {
    static FakeUpstream upstream;
    static TestGateway gw;
    static AnthropicClient client;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "hello")));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, upstream.baseUrl(), Protocol.ANTHROPIC)
                .map("claude-test", 1, "claude-target", 0)
                .build());
        client = Sdks.anthropic(gw.baseUrl(), Routing.KEY);
    }

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
        upstream.close();
    }

    private static MessageCreateParams.Builder hello() {
        return MessageCreateParams.builder().model("claude-test").maxTokens(64).addUserMessage("Say hello");
    }

    @Test
    void messagesNonStreamReachTheProviderWithItsOwnCredential() {
        Message message = client.messages().create(hello().build());

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).text().map(TextBlock::text)).hasValue("hello");
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.bodyText()).contains("\"model\":\"claude-target\"");
        assertThat(seen.headers().getAll("x-api-key")).containsExactly(Routing.PROVIDER_KEY);
        assertThat(seen.headers().getAll("anthropic-version")).hasSize(1);
        assertThat(seen.headers().contains("authorization")).isFalse();
        // The gateway key appears nowhere in what the provider received.
        seen.headers()
                .forEach(header -> assertThat(header.getValue())
                        .as("upstream header %s", header.getKey())
                        .doesNotContain(Routing.KEY));
        assertThat(seen.bodyText()).doesNotContain(Routing.KEY);
    }

    @Test
    void messagesStreamIsAssembledByTheSdkIntoTheFullText() {
        upstream.enqueue(FakeUpstream.sse(
                Payloads.anthropicEvents("claude-target", "Hel", "lo, ", "world", "!"), Duration.ofMillis(5)));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello().build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        String text = message.content().stream()
                .flatMap(block -> block.text().stream())
                .map(TextBlock::text)
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("Hello, world!");
        assertThat(message.model().asString()).isEqualTo("claude-target");
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.bodyText()).contains("\"stream\":true").contains("\"model\":\"claude-target\"");
    }

    @Test
    void countTokensGoesToTheCountTokensPath() {
        upstream.enqueue(FakeUpstream.json(200, Payloads.countTokens(17)));

        MessageTokensCount count = client.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model("claude-test")
                        .addUserMessage("How many tokens?")
                        .build());

        assertThat(count.inputTokens()).isEqualTo(17);
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(seen.bodyText()).contains("\"model\":\"claude-target\"");
        assertThat(seen.headers().getAll("x-api-key")).containsExactly(Routing.PROVIDER_KEY);
    }

    @Test
    void betaAndCustomHeadersReachTheProviderUnchanged() {
        String betas = "prompt-caching-2024-07-31,token-efficient-tools-2025-02-19";

        client.messages()
                .create(hello().putAdditionalHeader("anthropic-beta", betas)
                        .putAdditionalHeader("x-custom-trace", "trace-42; span=7")
                        .build());

        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.headers().getAll("anthropic-beta")).containsExactly(betas);
        assertThat(seen.headers().getAll("x-custom-trace")).containsExactly("trace-42; span=7");
    }

    @Test
    void aClientChosenAnthropicVersionIsKept() {
        client.messages()
                .create(hello().putAdditionalHeader("anthropic-version", "2099-12-31")
                        .build());

        assertThat(upstream.lastRequest().headers().getAll("anthropic-version")).containsExactly("2099-12-31");
    }

    @Test
    void theDefaultAnthropicVersionIsAddedWhenTheClientSendsNone() {
        // The SDK always sends a version, so this one is a raw request.
        HttpResponse<String> response = Http.post(
                gw.baseUrl() + "/v1/messages",
                "{\"model\":\"claude-test\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("x-api-key", Routing.KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.lastRequest().headers().getAll("anthropic-version")).containsExactly("2023-06-01");
    }

    @Test
    void aBearerGatewayKeyAlsoAuthenticatesAnthropicRequests() {
        HttpResponse<String> response = Http.post(
                gw.baseUrl() + "/v1/messages",
                "{\"model\":\"claude-test\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Http.bearer(Routing.KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.headers().getAll("x-api-key")).containsExactly(Routing.PROVIDER_KEY);
        assertThat(seen.headers().contains("authorization")).isFalse();
    }
}
