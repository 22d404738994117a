package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.health.Timeouts;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.Strategies;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-attempt bounds (issue 4, item 4): the first-byte bound of a provider fails over, a total bound cuts non-stream
 * calls but never a stream that keeps producing events, and an idle bound ends a stream that went quiet with the
 * protocol's error event. {@code HTTP_TIMEOUT} is 10 s here, far above every bound under test.
 */
class AttemptTimeoutsTest {
    static final String FROM_B = Payloads.chatCompletion("target-b", "from B");

    static FakeUpstream a;
    static FakeUpstream b;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        a = FakeUpstream.start(FakeUpstream.hang());
        b = FakeUpstream.start(FakeUpstream.json(200, FROM_B));
        gw = TestGateway.start(Map.of("RETRY_MAX_ATTEMPTS", "1", "HTTP_TIMEOUT", "10"));
    }

    @BeforeEach
    void reset() {
        a.reset();
        b.reset();
        a.setFallback(FakeUpstream.hang());
    }

    @AfterAll
    static void stop() {
        gw.close();
        a.close();
        b.close();
    }

    /** A first, B as its failover, with A's and the model's bounds. */
    private static Routing pair(String model, Timeouts providerA, Timeouts modelBounds) {
        return Routing.builder()
                .provider(1, a.baseUrl(), Protocol.OPENAI)
                .provider(2, b.baseUrl(), Protocol.OPENAI)
                .providerTimeouts(1, providerA)
                .map(model, 1, "target-a", 0)
                .map(model, 2, "target-b", 1)
                .strategy(model, Strategies.PRIORITY)
                .modelTimeouts(model, modelBounds);
    }

    @Test
    void aProviderPastItsFirstByteBoundIsLeftForTheNextOne() {
        gw.routing(pair("ttfb", bounds(null, 300L, null, null), Timeouts.NONE).build());

        long started = System.nanoTime();
        HttpResponse<String> response = chat("ttfb", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FROM_B);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        ExchangeRecord record = gw.record(response);
        assertThat(record.attempts()).extracting(AttemptRecord::status).containsExactly(504, 200);
        assertThat(record.attempts().get(0).error())
                .hasValueSatisfying(e -> assertThat(e).contains("no response within 300 ms"));
    }

    @Test
    void aModelsBoundWinsOverItsProviders() {
        // The provider allows 300 ms, the model (a slow reasoning model, say) 3 s: A's answer after 1 s is taken.
        a.setFallback(
                FakeUpstream.delayed(Duration.ofSeconds(1), FakeUpstream.json(200, Payloads.chatCompletion("a", "A"))));
        gw.routing(pair("patient", bounds(null, 300L, null, null), bounds(null, 3000L, null, null))
                .build());

        HttpResponse<String> response = chat("patient", false);

        assertThat(response.body()).contains("\"content\":\"A\"");
        assertThat(b.count()).isZero();
    }

    @Test
    void aNonStreamCallPastItsTotalBoundFailsOver() {
        a.setFallback(
                FakeUpstream.delayed(Duration.ofSeconds(2), FakeUpstream.json(200, Payloads.chatCompletion("a", "A"))));
        gw.routing(pair("total", bounds(null, null, null, 500L), Timeouts.NONE).build());

        HttpResponse<String> response = chat("total", false);

        assertThat(response.body()).isEqualTo(FROM_B);
        assertThat(gw.record(response).attempts().get(0).error())
                .hasValueSatisfying(e -> assertThat(e).contains("total timeout"));
    }

    @Test
    void aNonStreamBodyStillArrivingAtItsTotalBoundIsCut() {
        // Headers at once, then a body that takes longer than the total of 500 ms: committed, so it can only be cut.
        // The gateway holds a plain body until it is complete, so the client gets a clean 502, not half a body.
        a.setFallback((request, vertx) -> {
            request.response()
                    .setChunked(true)
                    .putHeader("content-type", "application/json")
                    .write("{\"id\":");
            vertx.setTimer(3000, id -> request.response().end("\"late\"}"));
        });
        gw.routing(
                pair("total-cut", bounds(null, null, null, 500L), Timeouts.NONE).build());

        long started = System.nanoTime();
        HttpResponse<String> response = chat("total-cut", false);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("upstream_stream_error").doesNotContain("{\"id\":");
        assertThat(gw.record(response).errorInfo())
                .hasValueSatisfying(e -> assertThat(e).contains("total timeout"));
    }

    @Test
    void aStreamThatKeepsSendingEventsIsNeverCutByTheTotalBound() {
        List<String> events = Payloads.chatChunks("target-a", "1", "2", "3", "4", "5", "6");
        a.setFallback(FakeUpstream.sse(events, Duration.ofMillis(200)));
        gw.routing(pair("long-stream", bounds(null, null, null, 400L), Timeouts.NONE)
                .build());

        HttpResponse<String> response = chat("long-stream", true);

        assertThat(response.body()).isEqualTo(String.join("", events));
        assertThat(gw.record(response).errorInfo()).isEmpty();
        assertThat(b.count()).isZero();
    }

    @Test
    void aStreamQuietForLongerThanTheIdleBoundEndsWithTheProtocolsErrorEvent() {
        List<String> events = Payloads.chatChunks("target-a", "partial");
        a.setFallback(FakeUpstream.sseThenSilence(events.subList(0, 1)));
        gw.routing(pair("idle", Timeouts.NONE, bounds(null, null, 300L, null)).build());
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(gw.baseUrl() + "/v1")
                .apiKey(Routing.KEY)
                .maxRetries(0)
                .build();
        try {
            StringBuilder text = new StringBuilder();
            Throwable raised = null;
            try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                    .completions()
                    .createStreaming(ChatCompletionCreateParams.builder()
                            .model("idle")
                            .addUserMessage("hi")
                            .build())) {
                stream.stream()
                        .forEach(chunk -> text.append(chunk.choices().stream()
                                .map(choice -> choice.delta().content().orElse(""))
                                .collect(Collectors.joining())));
            } catch (RuntimeException e) {
                raised = e;
            }

            assertThat(text.toString()).isEqualTo("partial");
            assertThat(raised).isNotNull().hasMessageContaining("idle timeout");
        } finally {
            client.close();
        }
        HttpResponse<String> raw = chat("idle", true);
        assertThat(raw.body())
                .startsWith(events.get(0))
                .endsWith("\n\n")
                .contains("\"code\":\"upstream_stream_error\"");
        assertThat(b.count()).isZero();
    }

    private static Timeouts bounds(Long connect, Long firstByte, Long idle, Long total) {
        return new Timeouts(millis(connect), millis(firstByte), millis(idle), millis(total));
    }

    private static Optional<Duration> millis(Long value) {
        return Optional.ofNullable(value).map(Duration::ofMillis);
    }

    private static HttpResponse<String> chat(String model, boolean stream) {
        return Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Http.bearer(Routing.KEY));
    }
}
