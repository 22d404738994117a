package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.LogTable;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One {@code request_logs} row per client request, through the real gateway with the official SDKs and real SQLite:
 * success, retried, failed over, all failed, streams, an abandoned stream and requests the gateway refused itself.
 */
class RequestLogTest {
    static final String OK_A = Payloads.chatCompletion("target-a", "from A");
    static final String OK_B = Payloads.chatCompletion("target-b", "from B");
    static final String TRACE_HEADER = "x-gateway-trace-id";

    static FakeUpstream a;
    static FakeUpstream b;
    static FakeUpstream claude;
    static TestGateway gw;
    static OpenAIClient openAi;
    static AnthropicClient anthropic;

    @BeforeAll
    static void start() throws SQLException {
        a = FakeUpstream.start(FakeUpstream.json(200, OK_A));
        b = FakeUpstream.start(FakeUpstream.json(200, OK_B));
        claude = FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "hi")));
        gw = TestGateway.start(Map.of("RETRY_MAX_ATTEMPTS", "3", "RETRY_DELAY_MS", "10"));
        seedReferencedRows();
        openAi = Sdks.openAi(gw.baseUrl(), Routing.KEY);
        anthropic = Sdks.anthropic(gw.baseUrl(), Routing.KEY);
    }

    /** The key and providers of {@link Routing} as rows, so that the log's references point at something. */
    private static void seedReferencedRows() throws SQLException {
        try (Connection connection = gw.gateway().database().connection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO api_keys (id, key_name, key_hash, key_mask, created_at)"
                    + " VALUES (1, 'test-key', '" + Routing.sha256(Routing.KEY) + "', 'lgw-***', 0)");
            for (int id = 1; id <= 3; id++) {
                statement.execute("INSERT INTO service_providers (id, name, base_url, protocol, api_type, created_at,"
                        + " updated_at) VALUES (" + id + ", 'provider-" + id
                        + "', 'http://x', 'openai', 'chat', 0, 0)");
            }
        }
    }

    @BeforeEach
    void resetUpstreamsAndRouting() {
        for (FakeUpstream upstream : List.of(a, b, claude)) {
            upstream.reset();
        }
        a.setFallback(FakeUpstream.json(200, OK_A));
        b.setFallback(FakeUpstream.json(200, OK_B));
        gw.routing(routing().build());
    }

    private static Routing routing() {
        return Routing.builder()
                .provider(1, a.baseUrl(), Protocol.OPENAI)
                .provider(2, b.baseUrl(), Protocol.OPENAI)
                .provider(3, claude.baseUrl(), Protocol.ANTHROPIC)
                .map("single", 1, "target-a", 0)
                .map("claude-test", 3, "claude-target", 0)
                .model("disabled", false)
                .map("disabled", 1, "target-a", 0);
    }

    /** A new model on providers 1 then 2, so that round robin starts at provider 1. */
    private static String freshPair() {
        String model = "pair-" + System.nanoTime();
        gw.routing(routing()
                .map(model, 1, "target-a", 0)
                .map(model, 2, "target-b", 1)
                .build());
        return model;
    }

    @AfterAll
    static void stop() {
        openAi.close();
        anthropic.close();
        gw.close();
        a.close();
        b.close();
        claude.close();
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Say hi")
                .build();
    }

    private static String traceId(HttpResponseFor<?> response) {
        return response.headers().values(TRACE_HEADER).get(0);
    }

    private static String traceId(OpenAIServiceException e) {
        return e.headers().values(TRACE_HEADER).get(0);
    }

    private static JsonNode json(String text) throws Exception {
        return Sql.JSON.readTree(text);
    }

    @Test
    void aSuccessfulRequestLeavesOneCompleteRow() throws Exception {
        HttpResponseFor<ChatCompletion> response =
                openAi.chat().completions().withRawResponse().create(chat("single"));
        response.parse();

        LogTable.Row row = LogTable.awaitRow(gw, traceId(response));

        assertThat(row.number("request_time"))
                .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
        assertThat(row.number("api_key_id")).isEqualTo(1L);
        assertThat(row.text("api_key_name")).isEqualTo("test-key");
        assertThat(row.text("requested_model")).isEqualTo("single");
        assertThat(row.text("target_model")).isEqualTo("target-a");
        assertThat(row.number("provider_id")).isEqualTo(1L);
        assertThat(row.text("provider_name")).isEqualTo("provider-1");
        assertThat(row.number("retry_count")).isZero();
        assertThat(row.number("matched_provider_count")).isEqualTo(1L);
        assertThat(row.number("first_byte_delay_ms")).isNotNull().isNotNegative();
        assertThat(row.number("total_time_ms")).isGreaterThanOrEqualTo(row.number("first_byte_delay_ms"));
        assertThat(row.number("response_status")).isEqualTo(200L);
        assertThat(row.text("response_body")).isEqualTo(OK_A);
        assertThat(row.flag("response_body_truncated")).isFalse();
        assertThat(row.text("error_info")).isNull();
        assertThat(row.flag("is_stream")).isFalse();
        assertThat(row.text("endpoint")).isEqualTo("/v1/chat/completions");
        assertThat(row.text("usage_source")).isNotNull();
        assertThat(row.text("price_source")).isEqualTo("unpriced");
        // The client's body as sent: the provider received the same bytes with only the model value replaced.
        assertThat(json(row.text("request_body")).get("model").asText()).isEqualTo("single");
        assertThat(row.text("request_body").replace("\"single\"", "\"target-a\""))
                .isEqualTo(a.lastRequest().bodyText());
        assertThat(row.flag("request_body_truncated")).isFalse();
        assertThat(json(row.text("attempts"))).hasSize(1).first().satisfies(attempt -> {
            assertThat(attempt.get("provider_id").asLong()).isEqualTo(1);
            assertThat(attempt.get("status").asInt()).isEqualTo(200);
            assertThat(attempt.get("error").isNull()).isTrue();
        });
        assertThat(json(row.text("request_headers")).get("authorization").asText())
                .isEqualTo("Bearer lgw-***...***ef");
        assertNoSecretIn(row);
    }

    @Test
    void aRetriedRequestCountsItsRetriesAndListsEveryAttempt() throws Exception {
        a.enqueue(FakeUpstream.json(500, Payloads.openAiError("boom")), FakeUpstream.json(502, "bad gateway"));

        HttpResponseFor<ChatCompletion> response =
                openAi.chat().completions().withRawResponse().create(chat("single"));
        response.parse();
        LogTable.Row row = LogTable.awaitRow(gw, traceId(response));

        assertThat(row.number("retry_count")).isEqualTo(2L);
        assertThat(row.number("response_status")).isEqualTo(200L);
        assertThat(row.number("provider_id")).isEqualTo(1L);
        assertThat(row.text("error_info")).isNull();
        assertThat(json(row.text("attempts")).findValuesAsText("status")).containsExactly("500", "502", "200");
        assertThat(json(row.text("attempts")).findValues("error"))
                .extracting(JsonNode::textValue)
                .containsExactly("Upstream returned status 500", "Upstream returned status 502", null);
    }

    @Test
    void aFailedOverRequestNamesTheFinalProvider() throws Exception {
        a.setFallback(FakeUpstream.json(500, Payloads.openAiError("down")));

        HttpResponseFor<ChatCompletion> response =
                openAi.chat().completions().withRawResponse().create(chat(freshPair()));
        response.parse();
        LogTable.Row row = LogTable.awaitRow(gw, traceId(response));

        assertThat(row.text("response_body")).isEqualTo(OK_B);
        assertThat(row.number("matched_provider_count")).isEqualTo(2L);
        assertThat(row.number("retry_count")).isEqualTo(3L);
        assertThat(row.number("provider_id")).isEqualTo(2L);
        assertThat(row.text("provider_name")).isEqualTo("provider-2");
        assertThat(row.text("target_model")).isEqualTo("target-b");
        assertThat(json(row.text("attempts")).findValuesAsText("provider_id")).containsExactly("1", "1", "1", "2");
    }

    @Test
    void whenEveryProviderFailsTheRowHoldsTheLastAnswerAndWhy() throws Exception {
        a.setFallback(FakeUpstream.json(500, Payloads.openAiError("a is down")));
        b.setFallback(FakeUpstream.json(503, Payloads.openAiError("b is down")));

        String model = freshPair();
        OpenAIServiceException e = catchThrowableOfType(
                OpenAIServiceException.class, () -> openAi.chat().completions().create(chat(model)));
        LogTable.Row row = LogTable.awaitRow(gw, traceId(e));

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(row.number("response_status")).isEqualTo(503L);
        assertThat(row.text("response_body")).isEqualTo(Payloads.openAiError("b is down"));
        assertThat(row.text("error_info")).isEqualTo("Upstream returned status 503");
        assertThat(row.number("retry_count")).isEqualTo(6L);
        assertThat(row.number("provider_id")).isEqualTo(2L);
        assertThat(json(row.text("attempts"))).hasSize(6);
    }

    @Test
    void aTransportFailureOnEveryAttemptIsLoggedWithTheGatewaysError() {
        a.setFallback(FakeUpstream.dropConnection());

        OpenAIServiceException e = catchThrowableOfType(
                OpenAIServiceException.class, () -> openAi.chat().completions().create(chat("single")));
        LogTable.Row row = LogTable.awaitRow(gw, traceId(e));

        assertThat(row.number("response_status")).isEqualTo(502L);
        assertThat(row.text("error_info")).startsWith("Request error:");
        assertThat(row.text("response_body")).isNull();
        assertThat(row.text("attempts")).contains("\"transport_failure\":true");
    }

    @Test
    void aStreamIsLoggedAsItsSummary() throws Exception {
        a.enqueue(FakeUpstream.sse(Payloads.chatChunks("target-a", "Hel", "lo"), Duration.ofMillis(2)));

        HttpResponseFor<com.openai.core.http.StreamResponse<ChatCompletionChunk>> response =
                openAi.chat().completions().withRawResponse().createStreaming(chat("single"));
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            assertThat(stream.stream().count()).isEqualTo(3);
        }
        LogTable.Row row = LogTable.awaitRow(gw, traceId(response));

        assertThat(row.flag("is_stream")).isTrue();
        assertThat(row.number("response_status")).isEqualTo(200L);
        assertThat(row.text("error_info")).isNull();
        JsonNode summary = json(row.text("response_body"));
        assertThat(summary.get("type").asText()).isEqualTo("stream");
        assertThat(summary.get("protocol").asText()).isEqualTo("openai");
        assertThat(summary.fieldNames())
                .toIterable()
                .containsExactly(
                        "type",
                        "protocol",
                        "output_preview",
                        "output_preview_truncated",
                        "upstream_reported_output_tokens");
    }

    @Test
    void anAnthropicStreamIsLoggedWithItsProtocolAndMaskedKey() throws Exception {
        claude.enqueue(FakeUpstream.sse(Payloads.anthropicEvents("claude-target", "a", "b"), Duration.ofMillis(2)));

        com.anthropic.core.http.HttpResponseFor<StreamResponse<RawMessageStreamEvent>> response = anthropic
                .messages()
                .withRawResponse()
                .createStreaming(MessageCreateParams.builder()
                        .model("claude-test")
                        .maxTokens(16)
                        .addUserMessage("hi")
                        .build());
        try (StreamResponse<RawMessageStreamEvent> stream = response.parse()) {
            assertThat(stream.stream().count()).isPositive();
        }
        LogTable.Row row =
                LogTable.awaitRow(gw, response.headers().values(TRACE_HEADER).get(0));

        assertThat(row.text("endpoint")).isEqualTo("/v1/messages");
        assertThat(json(row.text("response_body")).get("protocol").asText()).isEqualTo("anthropic");
        assertThat(json(row.text("request_headers")).get("authorization").asText())
                .isEqualTo("Bearer lgw-***...***ef");
        assertNoSecretIn(row);
    }

    @Test
    void anXApiKeyHeaderIsMasked() throws Exception {
        HttpResponse<String> response = Http.post(
                gw.baseUrl() + "/v1/messages",
                "{\"model\":\"claude-test\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("x-api-key", Routing.KEY, "anthropic-version", "2023-06-01"));
        LogTable.Row row = LogTable.awaitRow(
                gw, response.headers().firstValue(TRACE_HEADER).orElseThrow());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(row.text("request_headers")).get("x-api-key").asText()).isEqualTo("lgw-***...***ef");
        assertThat(row.text("response_body")).isEqualTo(Payloads.anthropicMessage("claude-target", "hi"));
        assertNoSecretIn(row);
    }

    @Test
    void aStreamTheClientAbandonsIsLoggedAsClientDisconnected() throws Exception {
        a.enqueue(FakeUpstream.endlessSse(Payloads.chatChunks("target-a", "x").get(0), Duration.ofMillis(20)));

        HttpResponseFor<com.openai.core.http.StreamResponse<ChatCompletionChunk>> response =
                openAi.chat().completions().withRawResponse().createStreaming(chat("single"));
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            assertThat(stream.stream().findFirst()).isPresent();
        }
        LogTable.Row row = LogTable.awaitRow(gw, traceId(response));

        assertThat(row.text("error_info")).isEqualTo("client_disconnected");
        assertThat(row.flag("is_stream")).isTrue();
        assertThat(row.number("response_status")).isEqualTo(200L);
        assertThat(json(row.text("response_body")).get("type").asText()).isEqualTo("stream");
    }

    @Test
    void aBodyThatIsNotJsonIsLoggedAsSentWithItsError() {
        HttpResponse<String> response = Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\": \"single\", oops",
                Map.of("authorization", "Bearer " + Routing.KEY, "api-key", "azure-style-secret-123456"));
        LogTable.Row row = LogTable.awaitRow(
                gw, response.headers().firstValue(TRACE_HEADER).orElseThrow());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(row.number("response_status")).isEqualTo(400L);
        assertThat(row.text("request_body")).isEqualTo("{\"model\": \"single\", oops");
        assertThat(row.text("requested_model")).isNull();
        assertThat(row.text("error_info")).isNotBlank();
        assertThat(row.number("matched_provider_count")).isZero();
        assertThat(row.text("attempts")).isEqualTo("[]");
        assertThat(row.number("provider_id")).isNull();
        assertThat(row.number("api_key_id")).isEqualTo(1L);
        assertThat(row.text("request_headers"))
                .contains("\"api-key\":\"azur***...***56\"")
                .doesNotContain("azure-style-secret");
        assertThat(a.count()).isZero();
    }

    @Test
    void anUnknownModelIsLoggedWithTheModelAsked() {
        OpenAIServiceException e = catchThrowableOfType(
                OpenAIServiceException.class, () -> openAi.chat().completions().create(chat("no-such-model")));
        LogTable.Row row = LogTable.awaitRow(gw, traceId(e));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(row.number("response_status")).isEqualTo(404L);
        assertThat(row.text("requested_model")).isEqualTo("no-such-model");
        assertThat(row.text("error_info")).isEqualTo("Model 'no-such-model' is not configured");
        assertThat(row.text("target_model")).isNull();
        assertThat(row.text("response_body")).isNull();
    }

    @Test
    void aDisabledModelIsLoggedAsA503() {
        OpenAIServiceException e = catchThrowableOfType(
                OpenAIServiceException.class, () -> openAi.chat().completions().create(chat("disabled")));
        LogTable.Row row = LogTable.awaitRow(gw, traceId(e));

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(row.number("response_status")).isEqualTo(503L);
        assertThat(row.text("error_info")).isEqualTo("Model 'disabled' is disabled");
    }

    @Test
    void everyRequestLeavesExactlyOneRow() {
        long before = gw.gateway().logWriter().written();
        for (int i = 0; i < 5; i++) {
            openAi.chat().completions().create(chat("single"));
        }
        catchThrowableOfType(
                OpenAIServiceException.class, () -> openAi.chat().completions().create(chat("nope")));

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> gw.gateway().logWriter().written() == before + 6);
        assertThat(LogTable.count(gw.gateway().database()))
                .isEqualTo(gw.gateway().logWriter().written());
        assertThat(LogTable.all(gw.gateway().database()).stream().map(row -> row.text("trace_id")))
                .doesNotHaveDuplicates();
    }

    /** Neither the gateway key nor the provider key appears in any column. */
    private static void assertNoSecretIn(LogTable.Row row) {
        String everything = row.columns().values().stream()
                .filter(Objects::nonNull)
                .map(Object::toString)
                .collect(Collectors.joining("\n"));
        assertThat(everything).doesNotContain(Routing.KEY).doesNotContain(Routing.PROVIDER_KEY);
    }
}
