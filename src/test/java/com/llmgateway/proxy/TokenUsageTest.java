package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.llmgateway.usage.ResponseSummary;
import com.llmgateway.usage.TokenAccount;
import com.llmgateway.usage.TokenUsage;
import com.llmgateway.usage.UsageAccountant;
import com.llmgateway.usage.UsageSource;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token usage read from what the gateway relays, through the real gateway and the official SDKs (seed-spec 8). */
class TokenUsageTest {
    static FakeUpstream openAi;
    static FakeUpstream anthropic;
    static TestGateway gw;
    static OpenAIClient openAiClient;
    static AnthropicClient anthropicClient;
    static final UsageAccountant ACCOUNTANT = new UsageAccountant();

    @BeforeAll
    static void start() {
        openAi = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("gpt-4o", "hello")));
        anthropic = FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "hi")));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, openAi.baseUrl(), Protocol.OPENAI)
                .provider(2, anthropic.baseUrl(), Protocol.ANTHROPIC)
                .map("gpt-test", 1, "gpt-4o", 0)
                .map("embed-test", 1, "text-embedding-3-small", 0)
                .map("claude-test", 2, "claude-target", 0)
                .build());
        openAiClient = Sdks.openAi(gw.baseUrl(), Routing.KEY);
        anthropicClient = Sdks.anthropic(gw.baseUrl(), Routing.KEY);
    }

    @BeforeEach
    void reset() {
        openAi.reset();
        anthropic.reset();
    }

    @AfterAll
    static void stop() {
        openAiClient.close();
        anthropicClient.close();
        gw.close();
        openAi.close();
        anthropic.close();
    }

    private static ChatCompletionCreateParams.Builder chat() {
        return ChatCompletionCreateParams.builder().model("gpt-test").addUserMessage("Say hello");
    }

    private static MessageCreateParams message() {
        return MessageCreateParams.builder()
                .model("claude-test")
                .maxTokens(64)
                .addUserMessage("hi")
                .build();
    }

    private static ExchangeRecord record(com.openai.core.http.HttpResponse raw) {
        return gw.record(raw.headers().values(Relay.TRACE_HEADER).get(0));
    }

    private static ExchangeRecord record(com.anthropic.core.http.HttpResponse raw) {
        return gw.record(raw.headers().values(Relay.TRACE_HEADER).get(0));
    }

    @Test
    void openAiNonStreamUsageWithCachedAndReasoningTokens() {
        openAi.enqueue(FakeUpstream.json(200, """
                {"id":"c","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,\
                "message":{"role":"assistant","content":"hello"},"finish_reason":"stop"}],"usage":\
                {"prompt_tokens":20,"completion_tokens":30,"total_tokens":50,"prompt_tokens_details":\
                {"cached_tokens":8},"completion_tokens_details":{"reasoning_tokens":12}}}"""));

        HttpResponseFor<?> raw =
                openAiClient.chat().completions().withRawResponse().create(chat().build());
        raw.parse();

        ExchangeRecord record = record(raw);
        TokenUsage expected = new TokenUsage(20L, 30L, 8L, null, 12L);
        assertThat(record.summary().providerUsage()).isEqualTo(expected);
        assertThat(record.summary().outputText()).isEqualTo("hello");
        assertThat(new String(record.summary().body())).contains("\"reasoning_tokens\":12");
        assertThat(ACCOUNTANT.account(record)).isEqualTo(new TokenAccount(expected, UsageSource.PROVIDER));
    }

    @Test
    void openAiStreamWithTheClientsIncludeUsage() {
        openAi.enqueue(FakeUpstream.sse(chunksWithUsage("Hel", "lo"), Duration.ofMillis(1)));

        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = openAiClient
                .chat()
                .completions()
                .withRawResponse()
                .createStreaming(chat().streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build());
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            chunks = stream.stream().toList();
        }

        // The client asked for the usage chunk, so it receives it.
        assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
        ExchangeRecord record = record(raw);
        assertThat(record.summary().providerUsage()).isEqualTo(new TokenUsage(9L, 2L, 0L, null, 0L));
        assertThat(record.summary().outputText()).isEqualTo("Hello");
        assertThat(record.summary().stream()).isTrue();
        assertThat(ACCOUNTANT.account(record).source()).isEqualTo(UsageSource.PROVIDER);
    }

    @Test
    void openAiStreamWithoutUsageIsEstimatedFromTheRelayedText() {
        openAi.enqueue(FakeUpstream.sse(Payloads.chatChunks("gpt-4o", "Hel", "lo", "!"), Duration.ofMillis(1)));

        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                openAiClient.chat().completions().withRawResponse().createStreaming(chat().build());
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            stream.stream().forEach(chunk -> {});
        }

        ExchangeRecord record = record(raw);
        assertThat(record.summary().providerUsage()).isEqualTo(TokenUsage.NONE);
        assertThat(record.summary().outputText()).isEqualTo("Hello!");
        // Input: 4 per message + "user" (1) + "Say hello" (2) + 3; output: "Hello!" is 2 tokens in o200k_base.
        assertThat(ACCOUNTANT.account(record))
                .isEqualTo(new TokenAccount(new TokenUsage(10L, 2L, null, null, null), UsageSource.ESTIMATE));
    }

    @Test
    void embeddingsReportInputOnly() {
        openAi.enqueue(FakeUpstream.json(200, Payloads.embeddings("text-embedding-3-small")));

        HttpResponseFor<?> raw = openAiClient
                .embeddings()
                .withRawResponse()
                .create(EmbeddingCreateParams.builder()
                        .model("embed-test")
                        .input("vectorise me")
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());
        raw.parse();

        assertThat(ACCOUNTANT.account(record(raw)))
                .isEqualTo(new TokenAccount(new TokenUsage(2L, 0L, null, null, null), UsageSource.PROVIDER));
    }

    @Test
    void responsesNonStream() {
        openAi.enqueue(FakeUpstream.json(200, Payloads.response("gpt-4o", "a response")));

        HttpResponseFor<?> raw = openAiClient
                .responses()
                .withRawResponse()
                .create(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .input("Respond please")
                        .build());
        raw.parse();

        ExchangeRecord record = record(raw);
        assertThat(record.summary().providerUsage()).isEqualTo(new TokenUsage(4L, 6L, 0L, null, 0L));
        assertThat(record.summary().outputText()).isEqualTo("a response");
    }

    @Test
    void responsesStreamTakesTheUsageOfResponseCompleted() {
        openAi.enqueue(FakeUpstream.sse(responseEvents("a ", "response"), Duration.ofMillis(1)));

        HttpResponseFor<StreamResponse<ResponseStreamEvent>> raw = openAiClient
                .responses()
                .withRawResponse()
                .createStreaming(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .input("Respond please")
                        .build());
        long events;
        try (StreamResponse<ResponseStreamEvent> stream = raw.parse()) {
            events = stream.stream().count();
        }

        assertThat(events).isEqualTo(5);
        ExchangeRecord record = record(raw);
        assertThat(record.summary().providerUsage()).isEqualTo(new TokenUsage(4L, 6L, 0L, null, 0L));
        // The text once, from the deltas, not again from the "done" events.
        assertThat(record.summary().outputText()).isEqualTo("a response");
        assertThat(record.summary().events()).isEqualTo(5);
    }

    @Test
    void anthropicNonStreamCountsCacheTokensIntoInput() {
        anthropic.enqueue(FakeUpstream.json(200, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-target",\
                "content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","stop_sequence":null,\
                "usage":{"input_tokens":9,"cache_creation_input_tokens":100,"cache_read_input_tokens":50,\
                "output_tokens":4}}"""));

        var raw = anthropicClient.messages().withRawResponse().create(message());
        raw.parse();

        ExchangeRecord record = record(raw);
        TokenUsage expected = new TokenUsage(159L, 4L, 50L, 100L, null);
        assertThat(record.summary().providerUsage()).isEqualTo(expected);
        assertThat(ACCOUNTANT.account(record)).isEqualTo(new TokenAccount(expected, UsageSource.PROVIDER));
    }

    @Test
    void anthropicStreamTakesTheCumulativeOutputOfMessageDelta() {
        anthropic.enqueue(
                FakeUpstream.sse(Payloads.anthropicEvents("claude-target", "a", "b", "c"), Duration.ofMillis(1)));

        var raw = anthropicClient.messages().withRawResponse().createStreaming(message());
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream = raw.parse()) {
            stream.stream().forEach(event -> {});
        }

        ExchangeRecord record = record(raw);
        // message_start says 9 in and 1 out; message_delta's cumulative count of 4 out replaces the 1.
        assertThat(record.summary().providerUsage()).isEqualTo(new TokenUsage(9L, 4L, null, null, null));
        assertThat(record.summary().outputText()).isEqualTo("abc");
        assertThat(ACCOUNTANT.account(record).source()).isEqualTo(UsageSource.PROVIDER);
    }

    @Test
    void anthropicWithoutUsageIsEstimated() {
        anthropic.enqueue(FakeUpstream.json(200, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-target",\
                "content":[{"type":"text","text":"Hello, world!"}],"stop_reason":"end_turn"}"""));

        var raw = anthropicClient.messages().withRawResponse().create(message());

        ExchangeRecord record = record(raw);
        assertThat(record.summary().providerUsage()).isEqualTo(TokenUsage.NONE);
        // Input: 4 per message + len("user") // 4 + len("hi") // 4; output: len("Hello, world!") // 4.
        assertThat(ACCOUNTANT.account(record))
                .isEqualTo(new TokenAccount(new TokenUsage(5L, 3L, null, null, null), UsageSource.ESTIMATE));
    }

    @Test
    void countTokensIsNoUsage() {
        anthropic.enqueue(FakeUpstream.json(200, Payloads.countTokens(17)));

        var raw = anthropicClient
                .messages()
                .withRawResponse()
                .countTokens(MessageCountTokensParams.builder()
                        .model("claude-test")
                        .addUserMessage("How many tokens?")
                        .build());

        ExchangeRecord record = record(raw);
        assertThat(record.summary().providerUsage()).isEqualTo(TokenUsage.NONE);
        assertThat(ACCOUNTANT.account(record)).isEqualTo(TokenAccount.NONE);
    }

    @Test
    void anUpstreamErrorRelayedAsItWasCountsNothing() {
        openAi.enqueue(FakeUpstream.json(400, Payloads.openAiError("bad request")));

        BadRequestException error = catchThrowableOfType(
                BadRequestException.class,
                () -> openAiClient.chat().completions().create(chat().build()));

        ExchangeRecord record =
                gw.record(error.headers().values(Relay.TRACE_HEADER).get(0));
        assertThat(record.status()).isEqualTo(400);
        assertThat(ACCOUNTANT.account(record)).isEqualTo(TokenAccount.NONE);
        ResponseSummary summary = record.summary();
        assertThat(new String(summary.body())).contains("bad request");
    }

    static List<String> chunksWithUsage(String... pieces) {
        List<String> events = new java.util.ArrayList<>();
        for (String piece : pieces) {
            events.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece + "\"},\"finish_reason\":null}],"
                    + "\"usage\":null}\n\n");
        }
        events.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        events.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":" + pieces.length
                + ",\"total_tokens\":" + (9 + pieces.length) + ",\"prompt_tokens_details\":{\"cached_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** A Responses API stream: created, the text deltas, the "done" event repeating the text, completed. */
    static List<String> responseEvents(String... pieces) {
        String text = String.join("", pieces);
        String created = Payloads.response("gpt-4o", "")
                .replace("\"status\":\"completed\"", "\"status\":\"in_progress\"")
                .replaceAll("\"usage\":\\{.*\\}\\}$", "\"usage\":null}");
        List<String> events = new java.util.ArrayList<>();
        events.add("event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,"
                + "\"response\":" + created + "}\n\n");
        int sequence = 1;
        for (String piece : pieces) {
            events.add("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
                    + "\"sequence_number\":" + sequence++ + ",\"item_id\":\"msg_1\",\"output_index\":0,"
                    + "\"content_index\":0,\"delta\":\"" + piece + "\",\"logprobs\":[]}\n\n");
        }
        events.add("event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\","
                + "\"sequence_number\":" + sequence++ + ",\"item_id\":\"msg_1\",\"output_index\":0,"
                + "\"content_index\":0,\"text\":\"" + text + "\",\"logprobs\":[]}\n\n");
        events.add("event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":" + sequence
                + ",\"response\":" + Payloads.response("gpt-4o", text) + "}\n\n");
        return events;
    }
}
