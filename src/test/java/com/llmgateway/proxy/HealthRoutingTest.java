package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.health.HealthKey;
import com.llmgateway.health.HealthState;
import com.llmgateway.health.HealthThresholds;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.Strategies;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider health on the request path (issue 4, item 2): open circuits take a provider out of the first attempts and
 * let one probe through per cooldown, a 429's {@code Retry-After} is waited out exactly, a refused key stays refused
 * until an operator edits the provider, and a model whose providers all wait answers 503.
 *
 * <p>One call per provider and request ({@code RETRY_MAX_ATTEMPTS=1}), so each request tries A once, then B.
 */
class HealthRoutingTest {
    static final String FROM_A = "from A";
    static final String FROM_B = "from B";
    static final ObjectMapper JSON = new ObjectMapper();

    static FakeUpstream a;
    static FakeUpstream b;
    static TestGateway gw;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        a = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("target-a", FROM_A)));
        b = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("target-b", FROM_B)));
        gw = TestGateway.start(Map.of("RETRY_MAX_ATTEMPTS", "1"));
        client = client(gw, Routing.KEY);
    }

    @BeforeEach
    void reset() {
        a.reset();
        b.reset();
        a.setFallback(FakeUpstream.json(200, Payloads.chatCompletion("target-a", FROM_A)));
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
        a.close();
        b.close();
    }

    /** A first (priority), B as its failover. */
    private static Routing pair(String model) {
        return Routing.builder()
                .provider(1, a.baseUrl(), Protocol.OPENAI)
                .provider(2, b.baseUrl(), Protocol.OPENAI)
                .map(model, 1, "target-a", 0)
                .map(model, 2, "target-b", 1)
                .strategy(model, Strategies.PRIORITY);
    }

    @Test
    void aProviderThatAlwaysFailsStopsReceivingFirstAttemptsAndGetsOneProbePerCooldown() throws Exception {
        a.setFallback(FakeUpstream.json(500, Payloads.openAiError("down")));
        // Three failures in the window trip it; the cooldown is 1 s, then 2 s after a failed probe.
        gw.routing(pair("failing")
                .providerHealth(
                        1,
                        HealthThresholds.parse(JSON.readTree("{\"window_ms\":30000,\"min_requests\":3,"
                                + "\"error_ratio\":0.5,\"cooldown_ms\":1000,\"max_cooldown_ms\":60000}")))
                .build());

        for (int i = 0; i < 3; i++) {
            assertThat(chat("failing")).isEqualTo(FROM_B);
        }
        assertThat(a.count()).isEqualTo(3);
        long tripped = a.requests().get(2).receivedNanos();

        // Open: every request goes straight to B.
        for (int i = 0; i < 3; i++) {
            assertThat(chat("failing")).isEqualTo(FROM_B);
        }
        assertThat(a.count()).isEqualTo(3);
        assertThat(gw.records().getLast().attempts())
                .extracting(AttemptRecord::providerId)
                .containsExactly(2L);

        // After the cooldown, one probe; it fails, and the circuit opens again for twice as long.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> chat("failing").equals(FROM_B) && a.count() == 4);
        long probed = a.requests().get(3).receivedNanos();
        assertThat(millis(probed - tripped)).isGreaterThanOrEqualTo(1000);
        for (int i = 0; i < 3; i++) {
            assertThat(chat("failing")).isEqualTo(FROM_B);
        }
        assertThat(a.count()).isEqualTo(4);
        assertThat(gw.gateway().health().state(mappingOfProvider(1, "failing"))).isEqualTo(HealthState.OPEN);

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> chat("failing").equals(FROM_B) && a.count() == 5);
        assertThat(millis(a.requests().get(4).receivedNanos() - probed)).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void a429WithRetryAfterSendsTheNextRequestsElsewhereForThatLongAndThenBack() {
        gw.routing(pair("limited").build());
        a.enqueue(FakeUpstream.json(429, Payloads.openAiError("slow down"), Map.of("retry-after", "2")));

        assertThat(chat("limited")).isEqualTo(FROM_B);
        long limitedAt = a.requests().get(0).receivedNanos();
        assertThat(chat("limited")).isEqualTo(FROM_B);
        assertThat(chat("limited")).isEqualTo(FROM_B);
        assertThat(a.count()).isEqualTo(1);
        assertThat(gw.gateway().health().state(mappingOfProvider(1, "limited"))).isEqualTo(HealthState.RATE_LIMITED);

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> chat("limited").equals(FROM_A));

        assertThat(a.count()).isEqualTo(2);
        assertThat(millis(a.requests().get(1).receivedNanos() - limitedAt)).isGreaterThanOrEqualTo(2000);
        assertThat(b.count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void whenEveryProviderIsCoolingDownTheClientGetsA503SayingUntilWhen() throws Exception {
        gw.routing(Routing.builder()
                .provider(1, a.baseUrl(), Protocol.OPENAI)
                .map("solo", 1, "target-a", 0)
                .build());
        a.enqueue(FakeUpstream.json(429, Payloads.openAiError("slow down"), Map.of("retry-after", "30")));

        HttpResponse<String> limited = post("solo");
        HttpResponse<String> refused = post("solo");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo(Payloads.openAiError("slow down"));
        assertThat(refused.statusCode()).isEqualTo(503);
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("no_available_provider");
        assertThat(error.path("message").asText()).contains("cooling down until 20");
        assertThat(a.count()).isEqualTo(1);
    }

    @Test
    void a401MarksTheKeyInvalidUntilTheProviderIsEditedThroughTheAdminApi() throws Exception {
        a.setFallback(FakeUpstream.json(401, Payloads.openAiError("invalid key")));
        try (TestGateway admin = TestGateway.start(Map.of("RETRY_MAX_ATTEMPTS", "1"))) {
            long first = createProvider(admin, "a", a.baseUrl(), "sk-old");
            long second = createProvider(admin, "b", b.baseUrl(), "sk-b");
            admin.post("/api/admin/models", "{\"requested_model\":\"m\",\"strategy\":\"priority\"}");
            admin.post("/api/admin/model-providers", mapping(first, 0));
            admin.post("/api/admin/model-providers", mapping(second, 1));
            String key = JSON.readTree(admin.post("/api/admin/api-keys", "{\"key_name\":\"k\"}")
                            .body())
                    .path("key_value")
                    .asText();
            OpenAIClient sdk = client(admin, key);
            try {
                assertThat(chat(sdk, "m")).isEqualTo(FROM_B);
                assertThat(chat(sdk, "m")).isEqualTo(FROM_B);
                assertThat(chat(sdk, "m")).isEqualTo(FROM_B);
                // No more attempts on A after its key was refused.
                assertThat(a.count()).isEqualTo(1);
                JsonNode view =
                        JSON.readTree(admin.get("/api/admin/providers/health").body());
                assertThat(view.path(0).path("state").asText()).isEqualTo("key_invalid");
                assertThat(view.path(0).path("last_error").asText()).contains("401");

                // The operator sets a new key: A gets a fresh start.
                a.setFallback(FakeUpstream.json(200, Payloads.chatCompletion("target-a", FROM_A)));
                assertThat(admin.put("/api/admin/providers/" + first, "{\"api_key\":\"sk-new\"}")
                                .statusCode())
                        .isEqualTo(200);

                assertThat(chat(sdk, "m")).isEqualTo(FROM_A);
                assertThat(a.lastRequest().headers().get("authorization")).isEqualTo("Bearer sk-new");
            } finally {
                sdk.close();
            }
        }
    }

    private static long createProvider(TestGateway admin, String name, String baseUrl, String apiKey) throws Exception {
        String body = JSON.createObjectNode()
                .put("name", name)
                .put("base_url", baseUrl)
                .put("protocol", "openai")
                .put("api_type", "chat")
                .put("api_key", apiKey)
                .toString();
        return JSON.readTree(admin.post("/api/admin/providers", body).body())
                .path("id")
                .asLong();
    }

    private static String mapping(long providerId, int priority) {
        return "{\"requested_model\":\"m\",\"provider_id\":" + providerId + ",\"target_model_name\":\"target-"
                + providerId + "\",\"priority\":" + priority + "}";
    }

    /** The health key of the model's mapping to that provider in the live snapshot. */
    private static HealthKey mappingOfProvider(long providerId, String model) {
        return gw.gateway().snapshots().get().model(model).orElseThrow().mappings().stream()
                .filter(m -> m.providerId() == providerId)
                .map(m -> HealthKey.mapping(providerId, m.id()))
                .findFirst()
                .orElseThrow();
    }

    private static String chat(String model) {
        return chat(client, model);
    }

    /** The text of the answer, which names the provider that gave it. */
    private static String chat(OpenAIClient sdk, String model) {
        return sdk.chat()
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

    private static HttpResponse<String> post(String model) {
        return Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":[]}",
                Http.bearer(Routing.KEY));
    }

    private static OpenAIClient client(TestGateway gateway, String key) {
        return Sdks.openAi(gateway.baseUrl(), key);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
