package com.llmgateway.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.RequestBody;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.llmgateway.usage.TokenUsage;
import com.llmgateway.usage.UsageAccountant;
import com.llmgateway.usage.UsageSource;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-provider stream-usage option end to end: the provider is asked for usage, the client never sees the extra
 * chunk, the record has its usage; nothing changes when the option is off or the client asked itself.
 */
class StreamUsageOptionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> WITH_USAGE = TokenUsageTest.chunksWithUsage("Hel", "lo");
    static final String USAGE_CHUNK = WITH_USAGE.get(WITH_USAGE.size() - 2);
    static final List<String> WITHOUT_USAGE = Payloads.chatChunks("gpt-4o", "Hel", "lo");

    static FakeUpstream withOption;
    static FakeUpstream withoutOption;
    static TestGateway gw;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        withOption = FakeUpstream.start(FakeUpstream.hang());
        withOption.setFallback(likeOpenAi(withOption));
        withoutOption = FakeUpstream.start(FakeUpstream.hang());
        withoutOption.setFallback(likeOpenAi(withoutOption));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, withOption.baseUrl(), Protocol.OPENAI)
                .includeStreamUsage(1)
                .provider(2, withoutOption.baseUrl(), Protocol.OPENAI)
                .map("gpt-opt", 1, "gpt-4o", 0)
                .map("gpt-plain", 2, "gpt-4o", 0)
                .map("gpt-failover", 1, "gpt-4o", 0)
                .map("gpt-failover", 2, "gpt-4o", 1)
                .build());
        client = Sdks.openAi(gw.baseUrl(), Routing.KEY);
    }

    @BeforeEach
    void reset() {
        withOption.reset();
        withoutOption.reset();
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
        withOption.close();
        withoutOption.close();
    }

    /** Like OpenAI: the usage chunk (and "usage":null on every other chunk) only when the request asks for it. */
    static FakeUpstream.Responder likeOpenAi(FakeUpstream self) {
        return (request, vertx) -> {
            boolean asked = RequestBody.parse(self.lastRequest().body()).requestsStreamUsage();
            FakeUpstream.sse(asked ? WITH_USAGE : WITHOUT_USAGE, Duration.ofMillis(1))
                    .respond(request, vertx);
        };
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
    }

    @Test
    void theSdkNeverSeesTheUsageChunkAndTheRecordHasItsUsage() throws IOException {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client.chat()
                .completions()
                .withRawResponse()
                .createStreaming(chat("gpt-opt").build());
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            chunks = stream.stream().toList();
        }

        JsonNode sent = JSON.readTree(withOption.lastRequest().body());
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(chunks).hasSize(3);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.choices()).isNotEmpty();
            assertThat(chunk.usage()).isEmpty();
        });
        ExchangeRecord record =
                gw.record(raw.headers().values(Relay.TRACE_HEADER).get(0));
        assertThat(record.summary().providerUsage()).isEqualTo(new TokenUsage(9L, 2L, 0L, null, 0L));
        assertThat(new UsageAccountant().account(record).source()).isEqualTo(UsageSource.PROVIDER);
        // The record counts what the client received, not the chunk it did not.
        assertThat(record.bytesRelayed())
                .isEqualTo(String.join("", WITH_USAGE).getBytes(UTF_8).length - USAGE_CHUNK.getBytes(UTF_8).length);
    }

    @Test
    void theProviderGetsTheClientsBytesPlusOneMemberAndTheClientGetsTheStreamMinusOneEvent() {
        String body =
                "{ \"model\" : \"gpt-opt\",\"stream\":true,\n\"messages\":[{\"role\":\"user\",\"content\":\"}\"}] }";

        HttpResponse<String> response =
                Http.post(gw.baseUrl() + "/v1/chat/completions", body, Http.bearer(Routing.KEY));

        assertThat(withOption.lastRequest().bodyText())
                .isEqualTo(
                        "{ \"model\" : \"gpt-4o\",\"stream\":true,\n\"messages\":[{\"role\":\"user\",\"content\":\"}\"}] "
                                + ",\"stream_options\":{\"include_usage\":true}}");
        assertThat(response.body()).isEqualTo(String.join("", WITH_USAGE).replace(USAGE_CHUNK, ""));
        assertThat(gw.record(response).summary().providerUsage().outputTokens()).isEqualTo(2L);
    }

    @Test
    void legacyCompletionsStreamsGetTheOptionToo() {
        String body = "{\"model\":\"gpt-opt\",\"prompt\":\"Once\",\"stream\":true,\"stream_options\":{}}";

        HttpResponse<String> response = Http.post(gw.baseUrl() + "/v1/completions", body, Http.bearer(Routing.KEY));

        assertThat(withOption.lastRequest().bodyText())
                .isEqualTo("{\"model\":\"gpt-4o\",\"prompt\":\"Once\",\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true}}");
        assertThat(response.body()).doesNotContain("\"choices\":[]");
        assertThat(gw.record(response).summary().providerUsage().inputTokens()).isEqualTo(9L);
    }

    @Test
    void aUsageChunkArrivingInPiecesIsStillRemoved() {
        List<String> pieces = new ArrayList<>(WITH_USAGE);
        int at = pieces.indexOf(USAGE_CHUNK);
        pieces.remove(at);
        // Cut inside the data line, inside "choices", and between the two line feeds of its blank line.
        pieces.add(at, USAGE_CHUNK.substring(0, 10));
        pieces.add(at + 1, USAGE_CHUNK.substring(10, 90));
        pieces.add(at + 2, USAGE_CHUNK.substring(90, USAGE_CHUNK.length() - 1));
        pieces.add(at + 3, "\n" + pieces.remove(at + 3));
        withOption.enqueue(FakeUpstream.sse(pieces, Duration.ofMillis(5)));

        HttpResponse<String> response =
                Http.post(gw.baseUrl() + "/v1/chat/completions", streamBody("gpt-opt"), Http.bearer(Routing.KEY));

        assertThat(response.body()).isEqualTo(String.join("", WITH_USAGE).replace(USAGE_CHUNK, ""));
        assertThat(gw.record(response).summary().providerUsage().inputTokens()).isEqualTo(9L);
    }

    @Test
    @Timeout(20) // were events held back until the end, the first read would never return
    void eventsStillReachTheClientOneByOne() throws IOException {
        AtomicBoolean release = new AtomicBoolean();
        withOption.enqueue((request, vertx) -> {
            var response = request.response()
                    .setStatusCode(200)
                    .setChunked(true)
                    .putHeader("content-type", "text/event-stream");
            response.write(WITH_USAGE.get(0));
            vertx.setPeriodic(5, id -> {
                if (release.get()) {
                    vertx.cancelTimer(id);
                    WITH_USAGE.subList(1, WITH_USAGE.size()).forEach(response::write);
                    response.end();
                }
            });
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + Routing.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(streamBody("gpt-opt")))
                .build();

        HttpResponse<InputStream> response = TestGateway.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] first = in.readNBytes(WITH_USAGE.get(0).getBytes(UTF_8).length);
            // The first event arrived while the provider still holds back the rest.
            assertThat(new String(first, UTF_8)).isEqualTo(WITH_USAGE.get(0));
            release.set(true);
            String rest = new String(in.readAllBytes(), UTF_8);
            assertThat(new String(first, UTF_8) + rest)
                    .isEqualTo(String.join("", WITH_USAGE).replace(USAGE_CHUNK, ""));
        }
    }

    @Test
    void aClientThatAskedForUsageGetsItsUsageChunkAndAnUntouchedBody() throws IOException {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client.chat()
                .completions()
                .withRawResponse()
                .createStreaming(chat("gpt-opt")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build());
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            chunks = stream.stream().toList();
        }

        assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
        assertThat(chunks.get(chunks.size() - 1).choices()).isEmpty();
        JsonNode sent = JSON.readTree(withOption.lastRequest().body());
        assertThat(sent.get("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
    }

    @Test
    void aClientThatAskedKeepsItsExactBytes() {
        String body = "{\"model\":\"gpt-opt\",\"stream\":true,\"stream_options\":{ \"include_usage\" : true }}";

        HttpResponse<String> response =
                Http.post(gw.baseUrl() + "/v1/chat/completions", body, Http.bearer(Routing.KEY));

        assertThat(withOption.lastRequest().bodyText()).isEqualTo(body.replace("gpt-opt", "gpt-4o"));
        assertThat(response.body()).isEqualTo(String.join("", WITH_USAGE));
    }

    @Test
    void withTheOptionOffNothingChanges() {
        String body = streamBody("gpt-plain");

        HttpResponse<String> response =
                Http.post(gw.baseUrl() + "/v1/chat/completions", body, Http.bearer(Routing.KEY));

        assertThat(withoutOption.lastRequest().bodyText()).isEqualTo(body.replace("gpt-plain", "gpt-4o"));
        assertThat(response.body()).isEqualTo(String.join("", WITHOUT_USAGE));
        assertThat(gw.record(response).summary().providerUsage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void nonStreamRequestsAreNotTouched() {
        withOption.enqueue(FakeUpstream.json(200, Payloads.chatCompletion("gpt-4o", "hi")));
        String body = "{\"model\":\"gpt-opt\",\"messages\":[]}";

        Http.post(gw.baseUrl() + "/v1/chat/completions", body, Http.bearer(Routing.KEY));

        assertThat(withOption.lastRequest().bodyText()).isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[]}");
    }

    @Test
    void theOptionFollowsTheProviderOfEachAttempt() {
        withOption.enqueue(FakeUpstream.json(402, Payloads.openAiError("no")));

        HttpResponse<String> response =
                Http.post(gw.baseUrl() + "/v1/chat/completions", streamBody("gpt-failover"), Http.bearer(Routing.KEY));

        assertThat(withOption.lastRequest().bodyText()).contains("\"stream_options\":{\"include_usage\":true}");
        assertThat(withoutOption.lastRequest().bodyText()).doesNotContain("stream_options");
        assertThat(response.body()).isEqualTo(String.join("", WITHOUT_USAGE));
    }

    private static String streamBody(String model) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
