package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams once committed: cut by the upstream, abandoned by the client, slow clients, long-lived streams. */
class StreamingTest {
    static final String CHAT =
            "{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    static FakeUpstream openAi;
    static FakeUpstream anthropic;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        openAi =
                FakeUpstream.start(FakeUpstream.sse(Payloads.chatChunks("gpt-target", "a", "b"), Duration.ofMillis(1)));
        anthropic = FakeUpstream.start(
                FakeUpstream.sse(Payloads.anthropicEvents("claude-target", "a"), Duration.ofMillis(1)));
        // A first-byte timeout of 1 s: streams that run longer must not be cut by it.
        gw = TestGateway.start(Map.of("HTTP_TIMEOUT", "1"));
        gw.routing(Routing.builder()
                .provider(1, openAi.baseUrl(), Protocol.OPENAI)
                .provider(2, anthropic.baseUrl(), Protocol.ANTHROPIC)
                .map("gpt-test", 1, "gpt-target", 0)
                .map("claude-test", 2, "claude-target", 0)
                .build());
    }

    @BeforeEach
    void reset() {
        openAi.reset();
        anthropic.reset();
    }

    @AfterAll
    static void stop() {
        gw.close();
        openAi.close();
        anthropic.close();
    }

    private static HttpRequest chatRequest() {
        return HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + Routing.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                .build();
    }

    @Test
    void anOpenAiStreamCutAfterTheFirstEventEndsWithAnErrorEvent() {
        List<String> events = Payloads.chatChunks("gpt-target", "first");
        openAi.enqueue(FakeUpstream.sseThenCut(events.subList(0, 1)));

        HttpResponse<String> response = TestGateway.send(chatRequest());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith(events.get(0));
        assertThat(response.body())
                .endsWith("\n\n")
                .contains("data: {\"error\":{\"message\":\"Upstream response broke off")
                .contains("\"code\":\"upstream_stream_error\"")
                .doesNotContain("[DONE]");
        assertThat(gw.record(response).errorInfo())
                .hasValueSatisfying(e -> assertThat(e).contains("broke off"));
    }

    @Test
    void theOpenAiSdkRaisesOnTheErrorEventOfACutStream() {
        openAi.enqueue(FakeUpstream.sseThenCut(
                Payloads.chatChunks("gpt-target", "first").subList(0, 1)));
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(gw.baseUrl() + "/v1")
                .apiKey(Routing.KEY)
                .maxRetries(0)
                .build();
        try {
            List<ChatCompletionChunk> seen = new ArrayList<>();
            assertThatThrownBy(() -> {
                        try (var stream = client.chat()
                                .completions()
                                .createStreaming(ChatCompletionCreateParams.builder()
                                        .model("gpt-test")
                                        .addUserMessage("hi")
                                        .build())) {
                            stream.stream().forEach(seen::add);
                        }
                    })
                    .hasMessageContaining("broke off");
            assertThat(seen).hasSize(1);
        } finally {
            client.close();
        }
    }

    @Test
    void anAnthropicStreamCutAfterItsFirstContentEndsWithAnErrorEventTheSdkRaises() {
        // Cut before its first content, the attempt would be retried instead (issue 4): the client has seen nothing.
        anthropic.enqueue(FakeUpstream.sseThenCut(
                Payloads.anthropicEvents("claude-target", "x").subList(0, 3)));
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl(gw.baseUrl())
                .apiKey(Routing.KEY)
                .maxRetries(0)
                .build();
        try {
            List<RawMessageStreamEvent> seen = new ArrayList<>();
            assertThatThrownBy(() -> {
                        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                                .createStreaming(MessageCreateParams.builder()
                                        .model("claude-test")
                                        .maxTokens(64)
                                        .addUserMessage("hi")
                                        .build())) {
                            stream.stream().forEach(seen::add);
                        }
                    })
                    .hasMessageContaining("broke off");
            assertThat(seen).hasSize(3);
        } finally {
            client.close();
        }
    }

    @Test
    void aClientThatAbandonsAStreamCancelsTheUpstreamRequest() throws Exception {
        openAi.enqueue(FakeUpstream.endlessSse("data: {\"choices\":[]}\n\n", Duration.ofMillis(20)));

        HttpResponse<InputStream> response =
                TestGateway.httpClient().send(chatRequest(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.read(new byte[16])).isPositive();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> openAi.connectionClosed(0));
        ExchangeRecord record =
                gw.record(response.headers().firstValue("x-gateway-trace-id").orElseThrow());
        assertThat(record.errorInfo()).hasValue("client_disconnected");
    }

    @Test
    void aStreamLongerThanTheFirstByteTimeoutIsNotCut() {
        List<String> events = Payloads.chatChunks("gpt-target", "1", "2", "3", "4", "5", "6", "7");
        openAi.enqueue(FakeUpstream.sse(events, Duration.ofMillis(250))); // about 2 s in all, timeout 1 s

        HttpResponse<String> response = TestGateway.send(chatRequest());

        assertThat(response.body()).isEqualTo(String.join("", events));
        assertThat(gw.record(response).errorInfo()).isEmpty();
    }

    @Test
    void aClientThatStopsReadingPausesTheUpstreamRead() throws Exception {
        AtomicLong written = new AtomicLong();
        AtomicBoolean blocked = new AtomicBoolean();
        String event = "data: " + "x".repeat(64 * 1024) + "\n\n";
        long cap = 256L * 1024 * 1024;
        openAi.enqueue(FakeUpstream.flood(event, cap, written, blocked));

        try (Socket socket = new Socket("127.0.0.1", gw.gateway().port())) {
            socket.setReceiveBufferSize(64 * 1024);
            OutputStream out = socket.getOutputStream();
            byte[] body = CHAT.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + Routing.KEY
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // The client reads nothing: the gateway must stop reading the provider instead of buffering.
            // The provider's writes must stay blocked (not just momentarily full) and the bytes in flight bounded.
            await().atMost(Duration.ofSeconds(20)).untilTrue(blocked);
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5))
                    .untilTrue(blocked);
            assertThat(written.get()).isLessThan(64L * 1024 * 1024);
        }
    }
}
