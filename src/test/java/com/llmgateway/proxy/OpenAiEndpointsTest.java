package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputText;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI endpoints besides chat (seed-spec 5.1 and section 14) through the official OpenAI SDK. */
class OpenAiEndpointsTest {
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
                .map("embed-test", 1, "embed-target", 0)
                .map("another-model", 1, "another-target", 0)
                .model("active-without-providers", true)
                .model("disabled-model", false)
                .map("disabled-with-mapping", 1, "x", 0)
                .model("disabled-with-mapping", false)
                .build());
        client = Sdks.openAi(gw.baseUrl(), Routing.KEY);
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

    @Test
    void legacyCompletions() {
        upstream.enqueue(FakeUpstream.json(200, Payloads.completion("gpt-target", "once upon a time")));

        Completion completion = client.completions()
                .create(CompletionCreateParams.builder()
                        .model("gpt-test")
                        .prompt("Tell me a story")
                        .maxTokens(16)
                        .build());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).text()).isEqualTo("once upon a time");
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/completions");
        assertThat(seen.bodyText()).contains("\"model\":\"gpt-target\"").contains("\"prompt\":\"Tell me a story\"");
        assertThat(seen.headers().getAll("authorization")).containsExactly("Bearer " + Routing.PROVIDER_KEY);
    }

    @Test
    void embeddings() {
        upstream.enqueue(FakeUpstream.json(200, Payloads.embeddings("embed-target")));

        CreateEmbeddingResponse response = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("embed-test")
                        .input("vectorise me")
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());

        assertThat(response.data()).hasSize(1);
        assertThat(response.data().get(0).embedding()).containsExactly(0.1f, -0.2f, 0.3f);
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/embeddings");
        assertThat(seen.bodyText()).contains("\"model\":\"embed-target\"").contains("\"input\":\"vectorise me\"");
    }

    @Test
    void modelsListsExactlyTheActiveConfiguredModelsSortedByName() {
        List<Model> models = client.models().list().data();

        assertThat(models)
                .extracting(Model::id)
                .containsExactly("active-without-providers", "another-model", "embed-test", "gpt-test");
        assertThat(models).extracting(Model::ownedBy).containsOnly("system");
        // Listing is answered by the gateway itself.
        assertThat(upstream.count()).isZero();
    }

    @Test
    void responses() {
        upstream.enqueue(FakeUpstream.json(200, Payloads.response("gpt-target", "a response")));

        Response response = client.responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .input("Respond please")
                        .build());

        String text = response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(ResponseOutputText::text)
                .reduce("", String::concat);
        assertThat(text).isEqualTo("a response");
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/responses");
        assertThat(seen.bodyText()).contains("\"model\":\"gpt-target\"").contains("\"input\":\"Respond please\"");
    }

    @Test
    void chatWithToolsGetsTheToolCallAndTheVendorFieldSurvives() {
        upstream.enqueue(FakeUpstream.json(200, Payloads.chatCompletionWithToolCall("gpt-target")));

        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-test")
                        .addUserMessage("Weather in Paris?")
                        .addFunctionTool(FunctionDefinition.builder()
                                .name("get_weather")
                                .parameters(FunctionParameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty(
                                                "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                        .build())
                                .build())
                        .build());

        List<ChatCompletionMessageToolCall> calls =
                completion.choices().get(0).message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(1);
        ChatCompletionMessageFunctionToolCall call = calls.get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_1");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(completion._additionalProperties().get("x_vendor_field"))
                .isEqualTo(JsonValue.from(Map.of("kept", true)));
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.bodyText()).contains("\"tools\":[").contains("\"name\":\"get_weather\"");
    }

    @Test
    void theResponseBodyReachesTheClientByteForByte() {
        // Pretty-printed, escaped and raw non-ASCII text, a tool call and an unknown field: nothing may be touched.
        String upstreamBody = "{\n  \"id\" : \"chatcmpl-9\",\n\t\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"gpt-target\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"caf\\u00e9 \\ud83d\\ude00 日本語 ✓\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,"
                + "\"total_tokens\":12},\"x_vendor_field\":{\"big\":123456789012345678901234567890,\"f\":1.50}}\r\n";
        byte[] expected = upstreamBody.getBytes(StandardCharsets.UTF_8);
        upstream.enqueue(FakeUpstream.json(200, upstreamBody));

        HttpResponse<byte[]> response = Http.postForBytes(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[]}"
                        .getBytes(StandardCharsets.UTF_8),
                Http.bearer(Routing.KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void theToolCallPayloadReachesTheClientByteForByte() {
        String upstreamBody = Payloads.chatCompletionWithToolCall("gpt-target");
        upstream.enqueue(FakeUpstream.json(200, upstreamBody));

        HttpResponse<byte[]> response = Http.postForBytes(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                        .getBytes(StandardCharsets.UTF_8),
                Http.bearer(Routing.KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(upstreamBody.getBytes(StandardCharsets.UTF_8));
    }
}
