package com.llmgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.protocol.Protocol;
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
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /metrics} through the real gateway: requests sent with the official SDKs (success, retried, failed over,
 * streamed) and raw HTTP (all failed, unknown model), then the scrape, and who may read it.
 */
class MetricsEndpointTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    static FakeUpstream a;
    static FakeUpstream b;
    static FakeUpstream streams;
    static FakeUpstream claude;
    static String deadBaseUrl;
    static TestGateway gw;
    static OpenAIClient openAi;
    static AnthropicClient anthropic;

    @BeforeAll
    static void start() {
        a = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("target-a", "from A")));
        b = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("target-b", "from B")));
        streams = FakeUpstream.start(
                FakeUpstream.sse(Payloads.chatChunks("target-s", "Hel", "lo"), Duration.ofMillis(5)));
        claude = FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "hi")));
        FakeUpstream dead = FakeUpstream.start(FakeUpstream.hang());
        deadBaseUrl = dead.baseUrl();
        dead.close(); // nothing listens there any more: connections are refused
        gw = TestGateway.start(Map.of("RETRY_MAX_ATTEMPTS", "2", "RETRY_DELAY_MS", "10"));
        gw.routing(Routing.builder()
                .provider(1, a.baseUrl(), Protocol.OPENAI)
                .provider(2, b.baseUrl(), Protocol.OPENAI)
                .provider(3, streams.baseUrl(), Protocol.OPENAI)
                .provider(4, deadBaseUrl, Protocol.OPENAI)
                .provider(5, claude.baseUrl(), Protocol.ANTHROPIC)
                .map("solo", 1, "target-a", 0)
                .map("retried", 1, "target-a", 0)
                .map("pair", 1, "target-a", 0)
                .map("pair", 2, "target-b", 1)
                .map("streamed", 3, "target-s", 0)
                .map("abandoned", 3, "target-s", 0)
                .map("dead", 4, "target-d", 0)
                .map("claude", 5, "claude-target", 0)
                .provider(6, a.baseUrl(), Protocol.OPENAI)
                .map("refused", 6, "target-a", 0)
                .build());
        openAi = OpenAIOkHttpClient.builder()
                .baseUrl(gw.baseUrl() + "/v1")
                .apiKey(Routing.KEY)
                .maxRetries(0)
                .build();
        anthropic = AnthropicOkHttpClient.builder()
                .baseUrl(gw.baseUrl())
                .apiKey(Routing.KEY)
                .maxRetries(0)
                .build();
    }

    @BeforeEach
    void reset() {
        for (FakeUpstream upstream : List.of(a, b, streams, claude)) {
            upstream.reset();
        }
    }

    @AfterAll
    static void stop() {
        openAi.close();
        anthropic.close();
        gw.close();
        for (FakeUpstream upstream : List.of(a, b, streams, claude)) {
            upstream.close();
        }
    }

    private static Scrape scrape() {
        HttpResponse<String> response = gw.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

    /** Waits until the exchange listener has counted what the client has already seen. */
    private static Scrape awaitCount(double expected, String name, String... labels) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(scrape().sum(name, labels)).isEqualTo(expected));
        return scrape();
    }

    private static void chat(String model) {
        openAi.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("hi")
                        .build());
    }

    @Test
    void theScrapeIsPrometheusText() {
        HttpResponse<String> response = gw.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue(GatewayMetrics.CONTENT_TYPE);
        assertThat(response.body())
                .contains("# TYPE gateway_open_streams gauge")
                .contains("# TYPE gateway_log_rows_dropped_total counter")
                .contains("gateway_upstream_max_connections ")
                .contains("gateway_log_queue_depth ");
    }

    @Test
    void aSuccessfulRequestIsCountedWithItsLatencyAndTimeToFirstByte() {
        chat("solo");

        Scrape scrape = awaitCount(
                1,
                "gateway_requests_total",
                "model",
                "solo",
                "provider",
                "provider-1",
                "endpoint",
                "chat_completions",
                "protocol",
                "openai",
                "status",
                "200",
                "status_class",
                "2xx");
        assertThat(scrape.sum(
                        "gen_ai_client_operation_duration_seconds_count",
                        "model",
                        "solo",
                        "stream",
                        "false",
                        "status_class",
                        "2xx"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gen_ai_client_operation_duration_seconds_sum", "model", "solo"))
                .isPositive()
                .isLessThan(WAIT.toSeconds());
        assertThat(scrape.sum("gateway_time_to_first_byte_seconds_count", "model", "solo", "provider", "provider-1"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_retries_total", "model", "solo")).isZero();
        assertThat(scrape.sum("gateway_upstream_requests_in_flight", "provider", "provider-1"))
                .isZero();
    }

    @Test
    void aRetriedRequestCountsTheRetryAndTheUpstreamError() {
        a.enqueue(FakeUpstream.json(500, Payloads.openAiError("boom")));

        chat("retried");

        Scrape scrape = awaitCount(1, "gateway_requests_total", "model", "retried", "status", "200");
        assertThat(a.count()).isEqualTo(2);
        assertThat(scrape.sum("gateway_retries_total", "model", "retried", "provider", "provider-1"))
                .isEqualTo(1.0);
        assertThat(scrape.sum(
                        "gateway_upstream_errors_total",
                        "model",
                        "retried",
                        "provider",
                        "provider-1",
                        "error_class",
                        "http_5xx"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_failovers_total", "model", "retried")).isZero();
    }

    @Test
    void aFailedOverRequestIsCountedForTheProviderThatAnswered() {
        a.enqueue(FakeUpstream.json(402, Payloads.openAiError("not for me")));

        chat("pair");

        Scrape scrape = awaitCount(1, "gateway_requests_total", "model", "pair", "provider", "provider-2");
        assertThat(scrape.sum("gateway_failovers_total", "model", "pair")).isEqualTo(1.0);
        assertThat(scrape.sum(
                        "gateway_upstream_errors_total",
                        "model",
                        "pair",
                        "provider",
                        "provider-1",
                        "error_class",
                        "http_4xx"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_retries_total", "model", "pair")).isZero();
    }

    @Test
    void aProviderWhoseKeyIsRefusedShowsInTheHealthMetrics() {
        a.enqueue(FakeUpstream.json(401, Payloads.openAiError("invalid key")));

        HttpResponse<String> response = Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"refused\",\"messages\":[]}",
                Http.bearer(Routing.KEY));

        assertThat(response.statusCode()).isEqualTo(401);
        Scrape scrape = scrape();
        assertThat(scrape.sum(
                        "gateway_provider_health_transitions_total", "provider", "provider-6", "to", "key_invalid"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_provider_health_state", "provider", "provider-6", "state", "key_invalid"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_provider_health_state", "provider", "provider-6", "state", "closed"))
                .isEqualTo(1.0); // its mapping's circuit: a refused key is the provider's, not the model's
    }

    @Test
    void aRequestThatEveryProviderFailsCountsItsConnectionErrors() {
        HttpResponse<String> response = Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"dead\",\"messages\":[]}",
                Http.bearer(Routing.KEY));

        assertThat(response.statusCode()).isEqualTo(502);
        Scrape scrape = awaitCount(
                1, "gateway_requests_total", "model", "dead", "provider", "provider-4", "status_class", "5xx");
        assertThat(scrape.sum("gateway_upstream_errors_total", "model", "dead", "error_class", "connection"))
                .isEqualTo(2.0);
        assertThat(scrape.sum("gateway_retries_total", "model", "dead")).isEqualTo(1.0);
        assertThat(scrape.sum("gateway_time_to_first_byte_seconds_count", "model", "dead"))
                .isZero();
        assertThat(scrape.sum("gateway_upstream_requests_in_flight", "provider", "provider-4"))
                .isZero();
    }

    @Test
    void aModelNobodyConfiguredIsLabelledUnknown() {
        String madeUp = "no-such-model-" + System.nanoTime();

        HttpResponse<String> response = Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"" + madeUp + "\",\"messages\":[]}",
                Http.bearer(Routing.KEY));

        assertThat(response.statusCode()).isEqualTo(404);
        Scrape scrape =
                awaitCount(1, "gateway_requests_total", "model", "unknown", "provider", "none", "status", "404");
        assertThat(scrape.text()).doesNotContain(madeUp);
    }

    @Test
    void anAnthropicRequestIsCountedUnderItsProtocolAndEndpoint() {
        anthropic
                .messages()
                .create(MessageCreateParams.builder()
                        .model("claude")
                        .maxTokens(16)
                        .addUserMessage("hi")
                        .build());

        awaitCount(
                1,
                "gateway_requests_total",
                "model",
                "claude",
                "provider",
                "provider-5",
                "endpoint",
                "messages",
                "protocol",
                "anthropic",
                "status",
                "200");
    }

    @Test
    void aCompletedStreamIsTimedAsAStream() {
        try (StreamResponse<ChatCompletionChunk> stream = openAi.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("streamed")
                        .addUserMessage("hi")
                        .build())) {
            assertThat(stream.stream().count()).isPositive();
        }

        Scrape scrape =
                awaitCount(1, "gen_ai_client_operation_duration_seconds_count", "model", "streamed", "stream", "true");
        assertThat(scrape.sum("gateway_time_to_first_byte_seconds_count", "model", "streamed", "stream", "true"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_open_streams")).isZero();
    }

    @Test
    void anOpenStreamAndItsUpstreamCallAreInFlightUntilTheClientLeaves() throws Exception {
        streams.enqueue(FakeUpstream.endlessSse("data: {\"choices\":[]}\n\n", Duration.ofMillis(20)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + Routing.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"abandoned\",\"stream\":true,\"messages\":[]}"))
                .build();

        HttpResponse<InputStream> response =
                TestGateway.httpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.read(new byte[16])).isPositive();
            Scrape during = scrape();
            assertThat(during.sum("gateway_open_streams")).isEqualTo(1.0);
            assertThat(during.sum("gateway_upstream_requests_in_flight", "provider", "provider-3"))
                    .isEqualTo(1.0);
        }

        awaitCount(1, "gateway_requests_total", "model", "abandoned");
        Scrape after = scrape();
        assertThat(after.sum("gateway_open_streams")).isZero();
        assertThat(after.sum("gateway_upstream_requests_in_flight", "provider", "provider-3"))
                .isZero();
    }

    /** With admin login configured, {@code /metrics} needs an admin token, like {@code /api/admin/*}. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAdminLogin {
        TestGateway secured;

        @BeforeAll
        void start() {
            secured = TestGateway.start(Map.of("ADMIN_USERNAME", "admin", "ADMIN_PASSWORD", "s3cret"));
        }

        @AfterAll
        void stop() {
            secured.close();
        }

        @Test
        void noTokenOrABadOneIsRefused() {
            HttpResponse<String> none = secured.get("/metrics");
            HttpResponse<String> bad = secured.get("/metrics", Map.of("Authorization", "Bearer garbage"));

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).contains("Not authenticated").doesNotContain("gateway_");
            assertThat(bad.statusCode()).isEqualTo(401);
            assertThat(bad.body()).doesNotContain("gateway_");
        }

        @Test
        void anAdminTokenOpensIt() throws Exception {
            HttpResponse<String> login =
                    secured.post("/api/auth/login", "{\"username\":\"admin\",\"password\":\"s3cret\"}");
            String token = new ObjectMapper()
                    .readTree(login.body())
                    .path("access_token")
                    .asText();

            HttpResponse<String> bearer = secured.get("/metrics", Map.of("Authorization", "Bearer " + token));
            HttpResponse<String> header = secured.get("/metrics", Map.of("x-admin-token", token));

            assertThat(bearer.statusCode()).isEqualTo(200);
            assertThat(bearer.body()).contains("gateway_open_streams 0");
            assertThat(header.statusCode()).isEqualTo(200);
        }
    }
}
