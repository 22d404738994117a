package com.llmgateway.protocol.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.llmgateway.protocol.SseEvent;
import com.llmgateway.protocol.SseParser;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Responses API streams from chat chunks, event by event ({@code expected[i]} is what chunk {@code i} must produce
 * at once), and from Anthropic streams through the chain, whose final {@code response.completed} must equal the
 * non-stream translation of the same answer.
 */
class ResponsesStreamTest {
    static List<Arguments> chatStreams() {
        return Fixtures.cases("streams-chat-to-responses.json");
    }

    static List<Arguments> anthropicStreams() {
        return Fixtures.cases("streams-anthropic-to-openai.json").stream()
                .filter(c -> {
                    JsonNode events = ((JsonNode) ((Named<?>) c.get()[0]).getPayload()).get("events");
                    return events.get(events.size() - 1).path("type").asText().equals("message_stop")
                            && !events.toString().contains("\"error\"");
                })
                .toList();
    }

    @ParameterizedTest
    @MethodSource("chatStreams")
    void chatChunksToResponsesEvents(JsonNode testCase) {
        ChatToResponsesStream stream = new ChatToResponsesStream(testCase.get("request"), Fixtures.options(testCase));
        JsonNode events = testCase.get("events");
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = events.get(i);
            if (data.isObject() && data.has("choices") && !testCase.has("sourceOffSchema")) {
                SdkSchema.openAi(data, ChatCompletionChunk.class);
            }
            String text = data.isTextual() ? data.asText() : data.toString();
            assertThat(responsesEvents(stream.onEvent(new SseEvent(null, text, null))))
                    .as("output of event %d", i)
                    .isEqualTo(testCase.get("expected").get(i));
        }
        assertThat(responsesEvents(stream.onEnd())).as("output at the end").isEqualTo(testCase.get("end"));
        assertThat(stream.onEnd()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("anthropicStreams")
    void anthropicStreamsThroughTheChain(JsonNode testCase) throws Exception {
        TranslationOptions options = Fixtures.options(testCase);
        JsonNode request = Fixtures.JSON.readTree("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
        StreamTranslator chain = ResponsesToChat.streamFromAnthropic(request, options);
        MessageAccumulator direct = MessageAccumulator.create();
        List<byte[]> out = new ArrayList<>();
        for (JsonNode data : testCase.get("events")) {
            String type = data.path("type").asText();
            if (!type.equals("ping")) {
                direct.accumulate(com.anthropic.core.ObjectMappers.jsonMapper()
                        .readValue(data.toString(), RawMessageStreamEvent.class));
            }
            out.addAll(chain.onEvent(new SseEvent(type, data.toString(), null)));
        }
        out.addAll(chain.onEnd());
        ArrayNode events = responsesEvents(out);

        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asLong()).isEqualTo(i);
        }
        JsonNode completed = events.get(events.size() - 1);
        assertThat(completed.path("type").asText()).isIn("response.completed", "response.incomplete");
        JsonNode message = Fixtures.JSON.readTree(
                com.anthropic.core.ObjectMappers.jsonMapper().writeValueAsString(direct.message()));
        JsonNode nonStream =
                ResponsesToChat.responseFromAnthropic(message, request, options).json();
        assertThat(argumentsAsJson(completed.get("response").get("output")))
                .as("the streamed output is the non-stream translation's")
                .isEqualTo(argumentsAsJson(nonStream.get("output")));
        assertThat(Fixtures.normal(completed.get("response").get("usage")))
                .isEqualTo(Fixtures.normal(nonStream.get("usage")));
    }

    /** Streamed arguments are the provider's own text, equal as JSON to the non-stream translation's. */
    private static JsonNode argumentsAsJson(JsonNode output) {
        ArrayNode copy = (ArrayNode) Fixtures.normal(output);
        for (JsonNode item : copy) {
            if (item.has("arguments")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) item)
                        .set(
                                "arguments",
                                Json.parse(item.get("arguments").asText()).orElseThrow());
            }
        }
        return copy;
    }

    /** The Responses events produced: each one whole SSE event, named by its type, valid for the SDK. */
    static ArrayNode responsesEvents(List<byte[]> out) {
        ArrayNode events = Fixtures.JSON.createArrayNode();
        for (byte[] bytes : out) {
            List<SseEvent> parsed = new ArrayList<>();
            SseParser parser = new SseParser();
            parser.feed(bytes, 0, bytes.length, parsed::add);
            assertThat(parsed).hasSize(1);
            JsonNode data = Fixtures.normal(Json.parse(parsed.get(0).data()).orElseThrow());
            assertThat(parsed.get(0).event()).isEqualTo(data.path("type").asText());
            SdkSchema.openAi(data, ResponseStreamEvent.class);
            events.add(data);
        }
        return events;
    }
}
