package com.llmgateway.proxy;

import static com.llmgateway.testing.ProviderEvents.blockStop;
import static com.llmgateway.testing.ProviderEvents.event;
import static com.llmgateway.testing.ProviderEvents.inputJsonDelta;
import static com.llmgateway.testing.ProviderEvents.messageDelta;
import static com.llmgateway.testing.ProviderEvents.messageStart;
import static com.llmgateway.testing.ProviderEvents.messageStop;
import static com.llmgateway.testing.ProviderEvents.textDelta;
import static com.llmgateway.testing.ProviderEvents.toolUseStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.translate.Translated;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI Responses API clients ({@code POST /v1/responses}) served by providers without that API: an OpenAI-protocol
 * provider marked as offering only Chat Completions, and an Anthropic provider. The official SDK parses what it gets,
 * non-stream and stream (assembled by its own {@link ResponseAccumulator}); a provider that offers the Responses API is
 * still passed through byte for byte.
 */
class ResponsesTranslationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static FakeUpstream chatOnly;
    static FakeUpstream native_;
    static FakeUpstream anthropic;
    static TestGateway gw;
    static OpenAIClient sdk;

    @BeforeAll
    static void start() {
        chatOnly = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("gpt-target", "hello")));
        native_ = FakeUpstream.start(FakeUpstream.json(200, Payloads.response("gpt-native", "native")));
        anthropic = FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "hello")));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, chatOnly.baseUrl(), Protocol.OPENAI)
                .withoutResponsesApi(1)
                .provider(2, native_.baseUrl(), Protocol.OPENAI)
                .provider(3, anthropic.baseUrl(), Protocol.ANTHROPIC)
                .map("on-chat", 1, "gpt-target", 0)
                .map("on-native", 2, "gpt-native", 0)
                .map("on-anthropic", 3, "claude-target", 0)
                .build());
        sdk = Sdks.openAi(gw.baseUrl(), Routing.KEY);
    }

    @BeforeEach
    void reset() {
        chatOnly.reset();
        native_.reset();
        anthropic.reset();
    }

    @AfterAll
    static void stop() {
        sdk.close();
        gw.close();
        chatOnly.close();
        native_.close();
        anthropic.close();
    }

    private static ResponseCreateParams.Builder params(String model) {
        return ResponseCreateParams.builder()
                .model(model)
                .instructions("Be brief.")
                .input("Say hello")
                .maxOutputTokens(100);
    }

    private static ResponseCreateParams.Builder withWeatherTool(String model) {
        return params(model)
                .addTool(FunctionTool.builder()
                        .name("get_weather")
                        .description("The weather in a city")
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .strict(false)
                        .build());
    }

    private static String text(Response response) {
        return response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(ResponseOutputText::text)
                .collect(Collectors.joining());
    }

    private static List<ResponseFunctionToolCall> calls(Response response) {
        return response.output().stream()
                .flatMap(item -> item.functionCall().stream())
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    private static Response streamed(ResponseCreateParams params, List<String> eventTypes) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = sdk.responses().createStreaming(params)) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                eventTypes.add(JSON.valueToTree(event).path("type").asText());
            });
        }
        return accumulator.response();
    }

    @Test
    void aChatOnlyProviderAnswersAResponsesClient() {
        Response response = sdk.responses().create(params("on-chat").build());

        assertThat(text(response)).isEqualTo("hello");
        assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(5);
        assertThat(usage.outputTokens()).isEqualTo(7);
        assertThat(usage.totalTokens()).isEqualTo(12);
        FakeUpstream.Recorded seen = chatOnly.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        JsonNode body = json(seen.bodyText());
        assertThat(body.path("model").asText()).isEqualTo("gpt-target");
        assertThat(body.path("messages").toString())
                .isEqualTo("[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Say hello\"}]");
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(100);
        assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + Routing.PROVIDER_KEY);
    }

    @Test
    void aChatOnlyProvidersToolCallBecomesAFunctionCallItem() {
        chatOnly.enqueue(FakeUpstream.json(200, Payloads.chatCompletionWithToolCall("gpt-target")));

        Response response = sdk.responses().create(withWeatherTool("on-chat").build());

        ResponseFunctionToolCall call = calls(response).get(0);
        assertThat(call.callId()).isEqualTo("call_1");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(json(call.arguments())).isEqualTo(json("{\"city\":\"Paris\"}"));
        JsonNode tool = json(chatOnly.lastRequest().bodyText()).path("tools").path(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(tool.path("function").path("parameters").path("properties").has("city"))
                .isTrue();
    }

    @Test
    void aChatOnlyProvidersStreamIsAssembledLikeItsPlainAnswer() {
        List<String> events = new ArrayList<>(Payloads.chatChunks("gpt-target", "Hel", "lo, ", "world"));
        events.add(events.size() - 1, """
                data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,\
                "model":"gpt-target","choices":[],\
                "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}

                """);
        chatOnly.enqueue(FakeUpstream.sse(events, Duration.ofMillis(2)));

        List<String> types = new ArrayList<>();
        Response response = streamed(params("on-chat").build(), types);

        assertThat(text(response)).isEqualTo("Hello, world");
        assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(7);
        assertThat(types).startsWith("response.created", "response.in_progress").endsWith("response.completed");
        assertThat(types.stream().filter("response.output_text.delta"::equals)).hasSize(3);
        JsonNode body = json(chatOnly.lastRequest().bodyText());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
    }

    @Test
    void anAnthropicProviderAnswersAResponsesClient() {
        anthropic.enqueue(FakeUpstream.json(200, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-target",\
                "content":[{"type":"text","text":"Checking."},\
                {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],\
                "stop_reason":"tool_use","stop_sequence":null,\
                "usage":{"input_tokens":9,"cache_read_input_tokens":20,"output_tokens":4}}"""));

        Response response =
                sdk.responses().create(withWeatherTool("on-anthropic").build());

        assertThat(text(response)).isEqualTo("Checking.");
        ResponseFunctionToolCall call = calls(response).get(0);
        assertThat(call.callId()).isEqualTo("toolu_1");
        assertThat(json(call.arguments())).isEqualTo(json("{\"city\":\"Paris\"}"));
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(29);
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(20);
        assertThat(usage.outputTokens()).isEqualTo(4);
        FakeUpstream.Recorded seen = anthropic.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.headers().get("x-api-key")).isEqualTo(Routing.PROVIDER_KEY);
        JsonNode body = json(seen.bodyText());
        assertThat(body.path("model").asText()).isEqualTo("claude-target");
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(body.path("tools").path(0).path("input_schema").path("type").asText())
                .isEqualTo("object");
    }

    @Test
    void anAnthropicStreamWithTextAndAToolCallIsAssembledByTheSdk() {
        anthropic.enqueue(FakeUpstream.sse(
                List.of(
                        messageStart("{'input_tokens':9,'output_tokens':1}"),
                        event(
                                "content_block_start",
                                "{'type':'content_block_start','index':0,'content_block':{'type':'text','text':''}}"),
                        textDelta(0, "Check"),
                        textDelta(0, "ing."),
                        blockStop(0),
                        toolUseStart(1, "toolu_1", "get_weather"),
                        inputJsonDelta(1, "{\"ci"),
                        inputJsonDelta(1, "ty\":\"Paris\"}"),
                        blockStop(1),
                        messageDelta("tool_use", "{'output_tokens':12}"),
                        messageStop()),
                Duration.ofMillis(2)));

        List<String> types = new ArrayList<>();
        Response response = streamed(withWeatherTool("on-anthropic").build(), types);

        assertThat(text(response)).isEqualTo("Checking.");
        ResponseFunctionToolCall call = calls(response).get(0);
        assertThat(call.callId()).isEqualTo("toolu_1");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(json(call.arguments())).isEqualTo(json("{\"city\":\"Paris\"}"));
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(12);
        assertThat(types).contains("response.function_call_arguments.delta").endsWith("response.completed");
        assertThat(json(anthropic.lastRequest().bodyText()).path("stream").asBoolean())
                .isTrue();
    }

    @Test
    void aToolLoopTurnReachesTheChatProviderAsToolCallsAndAToolMessage() {
        HttpResponse<String> raw = Http.post(gw.baseUrl() + "/v1/responses", """
                {"model":"on-chat","input":[
                  {"role":"user","content":"Weather in Paris?"},
                  {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
                  {"type":"function_call_output","call_id":"call_1","output":"18C, sunny"}]}""", Http.bearer(Routing.KEY));

        assertThat(raw.statusCode()).isEqualTo(200);
        JsonNode messages = json(chatOnly.lastRequest().bodyText()).path("messages");
        assertThat(messages.path(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.path(1).path("tool_calls").path(0).path("id").asText())
                .isEqualTo("call_1");
        assertThat(messages.path(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.path(2).path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.path(2).path("content").asText()).isEqualTo("18C, sunny");
    }

    @Test
    void aProviderWithTheResponsesApiIsStillPassedThroughByteForByte() {
        HttpResponse<String> raw = Http.post(
                gw.baseUrl() + "/v1/responses",
                "{\"model\":\"on-native\",  \"input\":\"hi\",\"store\":true}",
                Http.bearer(Routing.KEY));

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(Payloads.response("gpt-native", "native"));
        assertThat(native_.lastRequest().path()).isEqualTo("/v1/responses");
        assertThat(native_.lastRequest().bodyText())
                .isEqualTo("{\"model\":\"gpt-native\",  \"input\":\"hi\",\"store\":true}");
        assertThat(raw.headers().firstValue(Translated.DROPPED_FIELDS_HEADER)).isEmpty();
    }

    @Test
    void fieldsTheChatApiCannotCarryAreNamedInTheHeader() {
        HttpResponse<String> raw = Http.post(
                gw.baseUrl() + "/v1/responses",
                "{\"model\":\"on-chat\",\"input\":\"hi\",\"store\":true,\"truncation\":\"auto\"}",
                Http.bearer(Routing.KEY));

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue(Translated.DROPPED_FIELDS_HEADER)).hasValue("store, truncation");
    }

    @Test
    void statefulRequestsAreRefusedWithoutCallingTheProvider() {
        assertThatThrownBy(() -> sdk.responses()
                        .create(params("on-chat").previousResponseId("resp_123").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("previous_response_id");

        assertThat(chatOnly.requests()).isEmpty();
    }

    @Test
    void anAnthropicErrorReachesTheClientInOpenAiShapeAndStatus() {
        // Every attempt (the retries included) is answered overloaded.
        for (int i = 0; i < 10; i++) {
            anthropic.enqueue(FakeUpstream.json(
                    529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        }

        HttpResponse<String> raw = Http.post(
                gw.baseUrl() + "/v1/responses",
                "{\"model\":\"on-anthropic\",\"input\":\"hi\"}",
                Http.bearer(Routing.KEY));

        assertThat(raw.statusCode()).isEqualTo(503);
        JsonNode error = json(raw.body()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("Overloaded");
        assertThat(json(raw.body()).has("type")).isFalse();
        // The log shows the status the client got; the attempt keeps the provider's.
        ExchangeRecord record =
                gw.record(raw.headers().firstValue(Relay.TRACE_HEADER).orElseThrow());
        assertThat(record.status()).isEqualTo(503);
        assertThat(record.attempts()).last().extracting(AttemptRecord::status).isEqualTo(529);
    }

    @Test
    void theLogReadsUsageFromTheProvidersOwnAnswer() {
        var raw = sdk.responses().withRawResponse().create(params("on-chat").build());
        raw.parse();

        ExchangeRecord record =
                gw.record(raw.headers().values(Relay.TRACE_HEADER).get(0));
        assertThat(record.summary().providerUsage().inputTokens()).isEqualTo(5L);
        assertThat(record.summary().outputText()).isEqualTo("hello");
    }

    /**
     * What the answer loses in a stream is named in an SSE comment where it is lost (the headers are gone by then);
     * the SDK skips it and assembles the rest.
     */
    @Test
    void whatAStreamLosesIsNamedInACommentTheSdkSkips() {
        List<String> events = new ArrayList<>(Payloads.anthropicEvents("claude-target", "Paris", " is lovely"));
        events.add(
                3,
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"citations_delta\",\"citation\":{\"type\":\"char_location\","
                        + "\"cited_text\":\"Paris\",\"document_index\":0,\"document_title\":null,"
                        + "\"start_char_index\":0,\"end_char_index\":5}}}\n\n");
        anthropic.enqueue(FakeUpstream.sse(events, Duration.ofMillis(1)));
        anthropic.enqueue(FakeUpstream.sse(events, Duration.ofMillis(1)));

        Response response = streamed(params("on-anthropic").build(), new ArrayList<>());
        HttpResponse<String> raw = Http.post(
                gw.baseUrl() + "/v1/responses",
                "{\"model\":\"on-anthropic\",\"input\":\"hi\",\"stream\":true}",
                Http.bearer(Routing.KEY));

        assertThat(text(response)).isEqualTo("Paris is lovely");
        assertThat(raw.body()).contains("\n: x-gateway-dropped-fields: delta.citations_delta\n\n");
        assertThat(raw.body().indexOf("x-gateway-dropped-fields"))
                .isLessThan(raw.body().indexOf(" is lovely"));
    }
}
