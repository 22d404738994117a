package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenAiProxyTest {
    static FakeUpstream upstream;
    static TestGateway gw;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("gpt-target", "hello")));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, upstream.baseUrl(), Protocol.OPENAI)
                .map("gpt-test", 1, "gpt-target", 0)
                .build());
        client = Sdks.openAi(gw.baseUrl(), Routing.KEY);
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
        upstream.close();
    }

    @Test
    void chatNonStreamReachesTheProviderWithTheTargetModel() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-test")
                        .addUserMessage("Say hello")
                        .build());

        assertThat(completion.choices().get(0).message().content()).hasValue("hello");
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.bodyText()).contains("\"model\":\"gpt-target\"");
        assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + Routing.PROVIDER_KEY);
    }

    @Test
    void aPlainAnswerGoesOutInOnePieceWithItsLengthAndALargeOneIsStreamedIntact() {
        String small = Payloads.chatCompletion("gpt-target", "short");
        String large = Payloads.chatCompletion("gpt-target", "x".repeat(Relay.HOLD_LIMIT * 3));
        upstream.enqueue(FakeUpstream.json(200, small), FakeUpstream.json(200, large));
        String body = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> first = com.llmgateway.testing.Http.post(
                gw.baseUrl() + "/v1/chat/completions", body, com.llmgateway.testing.Http.bearer(Routing.KEY));
        HttpResponse<String> second = com.llmgateway.testing.Http.post(
                gw.baseUrl() + "/v1/chat/completions", body, com.llmgateway.testing.Http.bearer(Routing.KEY));

        assertThat(first.body()).isEqualTo(small);
        assertThat(first.headers().firstValue("content-length")).hasValue(String.valueOf(small.length()));
        assertThat(second.body()).isEqualTo(large);
        assertThat(second.headers().firstValue("content-length")).isEmpty();
    }

    @Test
    void chatStreamArrivesEventByEvent() {
        upstream.enqueue(FakeUpstream.sse(Payloads.chatChunks("gpt-target", "Hel", "lo", "!"), Duration.ofMillis(5)));

        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("gpt-test")
                        .addUserMessage("Say hello")
                        .build())) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            String text = chunks.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse(""))
                    .collect(Collectors.joining());
            assertThat(text).isEqualTo("Hello!");
        }
    }
}
