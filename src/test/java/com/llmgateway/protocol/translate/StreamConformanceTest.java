package com.llmgateway.protocol.translate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.SseEvent;
import com.llmgateway.protocol.SseParser;
import com.openai.models.ErrorObject;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams in both directions, fed one source event at a time. {@code expected[i]} is what source event {@code i} must
 * produce at once, before the translator sees event {@code i + 1}: that is the no-buffering contract, asserted event
 * by event. {@code end} is what the end of the source produces. Every produced event must be one whole SSE event whose
 * data parses with the client's SDK without loss.
 */
class StreamConformanceTest {
    private static final Set<String> ANTHROPIC_STREAM_EVENTS = Set.of(
            "message_start",
            "message_delta",
            "message_stop",
            "content_block_start",
            "content_block_delta",
            "content_block_stop");

    static List<Arguments> anthropicToOpenAi() {
        return Fixtures.cases("streams-anthropic-to-openai.json");
    }

    static List<Arguments> openAiToAnthropic() {
        return Fixtures.cases("streams-openai-to-anthropic.json");
    }

    @ParameterizedTest
    @MethodSource("anthropicToOpenAi")
    void anthropicProviderStreamToOpenAiClient(JsonNode testCase) {
        ObjectNode request = Fixtures.JSON.createObjectNode().put("stream", true);
        request.putObject("stream_options")
                .put("include_usage", testCase.path("includeUsage").asBoolean());
        AnthropicToOpenAiStream stream = AnthropicToOpenAiStream.forRequest(request, Fixtures.options(testCase));
        JsonNode events = testCase.get("events");
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = events.get(i);
            if (ANTHROPIC_STREAM_EVENTS.contains(data.path("type").asText())) {
                SdkSchema.anthropic(data, RawMessageStreamEvent.class);
            }
            List<byte[]> out = stream.onEvent(new SseEvent(data.path("type").asText(), data.toString(), null));
            assertThat(openAiEvents(out))
                    .as("output of event %d", i)
                    .isEqualTo(expectedOpenAi(testCase.get("expected").get(i), testCase.get("header")));
        }
        assertThat(openAiEvents(stream.onEnd()))
                .as("output at the end")
                .isEqualTo(expectedOpenAi(testCase.get("end"), testCase.get("header")));
        assertThat(stream.onEnd()).as("the end is answered once").isEmpty();
        assertThat(stream.droppedFields()).isEqualTo(Fixtures.strings(testCase.path("dropped")));
    }

    @ParameterizedTest
    @MethodSource("openAiToAnthropic")
    void openAiProviderStreamToAnthropicClient(JsonNode testCase) {
        OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream();
        JsonNode events = testCase.get("events");
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = events.get(i);
            if (data.isObject() && data.has("choices") && !testCase.has("sourceOffSchema")) {
                SdkSchema.openAi(data, ChatCompletionChunk.class);
            }
            String text = data.isTextual() ? data.asText() : data.toString();
            List<byte[]> out = stream.onEvent(new SseEvent(null, text, null));
            assertThat(anthropicEvents(out))
                    .as("output of event %d", i)
                    .isEqualTo(Fixtures.normal(testCase.get("expected").get(i)));
        }
        assertThat(anthropicEvents(stream.onEnd())).as("output at the end").isEqualTo(testCase.get("end"));
        assertThat(stream.onEnd()).as("the end is answered once").isEmpty();
    }

    /** The OpenAI events produced, as fixture JSON: chunk data, {@code "[DONE]"} or {@code ":ping"}. */
    static ArrayNode openAiEvents(List<byte[]> out) {
        ArrayNode events = Fixtures.JSON.createArrayNode();
        for (byte[] bytes : out) {
            if (new String(bytes, UTF_8).equals(": ping\n\n")) {
                events.add(":ping");
                continue;
            }
            SseEvent event = onlyEvent(bytes);
            assertThat(event.event()).as("OpenAI events have no event field").isNull();
            if (event.data().equals("[DONE]")) {
                events.add("[DONE]");
                continue;
            }
            JsonNode data = Fixtures.normal(Json.parse(event.data()).orElseThrow());
            if (data.has("error")) {
                SdkSchema.openAi(data.get("error"), ErrorObject.class);
            } else {
                SdkSchema.openAi(data, ChatCompletionChunk.class);
            }
            events.add(data);
        }
        return events;
    }

    /** The Anthropic events produced, as their data; the event field must name the data's type. */
    static ArrayNode anthropicEvents(List<byte[]> out) {
        ArrayNode events = Fixtures.JSON.createArrayNode();
        for (byte[] bytes : out) {
            SseEvent event = onlyEvent(bytes);
            JsonNode data = Fixtures.normal(Json.parse(event.data()).orElseThrow());
            assertThat(event.event()).isEqualTo(data.path("type").asText());
            if (event.event().equals("error")) {
                SdkSchema.anthropic(data, ErrorResponse.class);
            } else {
                SdkSchema.anthropic(data, RawMessageStreamEvent.class);
            }
            events.add(data);
        }
        return events;
    }

    private static SseEvent onlyEvent(byte[] bytes) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser();
        parser.feed(bytes, 0, bytes.length, events::add);
        assertThat(events)
                .as("one whole SSE event in %s", new String(bytes, UTF_8))
                .hasSize(1);
        assertThat(parser.hasPartialEvent()).isFalse();
        return events.get(0);
    }

    private static JsonNode expectedOpenAi(JsonNode expected, JsonNode header) {
        ArrayNode out = Fixtures.JSON.createArrayNode();
        for (JsonNode item : expected) {
            if (item.isObject() && item.has("choices")) {
                ObjectNode chunk = header.deepCopy();
                chunk.setAll((ObjectNode) item);
                out.add(chunk);
            } else {
                out.add(item);
            }
        }
        return Fixtures.normal(out);
    }
}
