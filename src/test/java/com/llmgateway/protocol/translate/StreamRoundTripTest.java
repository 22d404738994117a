package com.llmgateway.protocol.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.protocol.SseEvent;
import com.llmgateway.protocol.SseParser;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a client assembles from a translated stream, with its official SDK's accumulator, must be what it would get
 * from the non-stream translation of the same answer; and a stream translated there and back must assemble into the
 * provider's own message again.
 */
class StreamRoundTripTest {
    private static final ObjectMapper OPENAI = com.openai.core.ObjectMappers.jsonMapper();
    private static final ObjectMapper ANTHROPIC = com.anthropic.core.ObjectMappers.jsonMapper();

    static List<Arguments> completeAnthropicStreams() {
        return complete("streams-anthropic-to-openai.json", "message_stop");
    }

    static List<Arguments> completeOpenAiStreams() {
        return complete("streams-openai-to-anthropic.json", "[DONE]");
    }

    /** The fixtures whose source ends normally with {@code last} and carries no error. */
    private static List<Arguments> complete(String file, String last) {
        return Fixtures.cases(file).stream()
                .filter(c -> {
                    JsonNode events = ((JsonNode) ((Named<?>) c.get()[0]).getPayload()).get("events");
                    JsonNode end = events.get(events.size() - 1);
                    boolean endsWell = end.isTextual()
                            ? end.asText().equals(last)
                            : end.path("type").asText().equals(last);
                    return endsWell && !events.toString().contains("\"error\"");
                })
                .toList();
    }

    @ParameterizedTest
    @MethodSource("completeAnthropicStreams")
    void anthropicStreamThroughOpenAiAndBack(JsonNode testCase) throws Exception {
        TranslationOptions options = Fixtures.options(testCase);
        List<SseEvent> source = new ArrayList<>();
        MessageAccumulator direct = MessageAccumulator.create();
        for (JsonNode data : testCase.get("events")) {
            source.add(new SseEvent(data.path("type").asText(), data.toString(), null));
            if (!data.path("type").asText().equals("ping")) {
                direct.accumulate(ANTHROPIC.readValue(data.toString(), RawMessageStreamEvent.class));
            }
        }
        JsonNode message = tree(ANTHROPIC, direct.message());

        AnthropicToOpenAiStream there = new AnthropicToOpenAiStream(true, options);
        List<SseEvent> openAi = reparse(translate(source, there::onEvent, there::onEnd));
        ChatCompletionAccumulator assembled = ChatCompletionAccumulator.create();
        for (SseEvent event : openAi) {
            if (!event.data().equals("[DONE]")) {
                assembled.accumulate(OPENAI.readValue(event.data(), ChatCompletionChunk.class));
            }
        }
        JsonNode expected = ChatToMessages.response(message, options).json();
        assertThat(comparable(tree(OPENAI, assembled.chatCompletion())))
                .as("assembled like the non-stream translation")
                .isEqualTo(comparable(expected));

        OpenAiToAnthropicStream back = new OpenAiToAnthropicStream();
        MessageAccumulator roundTrip = MessageAccumulator.create();
        for (SseEvent event : reparse(translate(openAi, back::onEvent, back::onEnd))) {
            roundTrip.accumulate(ANTHROPIC.readValue(event.data(), RawMessageStreamEvent.class));
        }
        assertThat(tree(ANTHROPIC, roundTrip.message())).as("there and back").isEqualTo(normalised(message));
    }

    @ParameterizedTest
    @MethodSource("completeOpenAiStreams")
    void openAiStreamThroughAnthropicAndBack(JsonNode testCase) throws Exception {
        TranslationOptions options = Fixtures.options(testCase);
        List<SseEvent> source = new ArrayList<>();
        for (JsonNode data : testCase.get("events")) {
            source.add(new SseEvent(null, data.isTextual() ? data.asText() : data.toString(), null));
        }
        OpenAiToAnthropicStream there = new OpenAiToAnthropicStream();
        List<SseEvent> anthropic = reparse(translate(source, there::onEvent, there::onEnd));
        MessageAccumulator assembled = MessageAccumulator.create();
        for (SseEvent event : anthropic) {
            assembled.accumulate(ANTHROPIC.readValue(event.data(), RawMessageStreamEvent.class));
        }
        JsonNode message = tree(ANTHROPIC, assembled.message());

        AnthropicToOpenAiStream back = new AnthropicToOpenAiStream(true, options);
        ChatCompletionAccumulator roundTrip = ChatCompletionAccumulator.create();
        for (SseEvent event : reparse(translate(anthropic, back::onEvent, back::onEnd))) {
            if (!event.data().equals("[DONE]")) {
                roundTrip.accumulate(OPENAI.readValue(event.data(), ChatCompletionChunk.class));
            }
        }
        JsonNode expected = ChatToMessages.response(message, options).json();
        assertThat(comparable(tree(OPENAI, roundTrip.chatCompletion())))
                .as("there and back assembles like the non-stream translation of the assembled message")
                .isEqualTo(comparable(expected));
    }

    private interface Step {
        List<byte[]> onEvent(SseEvent event);
    }

    private static List<byte[]> translate(
            List<SseEvent> events, Step step, java.util.function.Supplier<List<byte[]>> end) {
        List<byte[]> out = new ArrayList<>();
        for (SseEvent event : events) {
            out.addAll(step.onEvent(event));
        }
        out.addAll(end.get());
        return out;
    }

    private static List<SseEvent> reparse(List<byte[]> bytes) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser();
        for (byte[] chunk : bytes) {
            parser.feed(chunk, 0, chunk.length, events::add);
        }
        return events;
    }

    /**
     * A completion as the OpenAI SDK's accumulator can assemble it: the accumulator keeps only the last delta's
     * extensions (so they are left out here), always has a {@code tool_calls} list and starts {@code content} from the
     * role chunk's {@code ""} (as with OpenAI's own streams); streamed arguments are the provider's own text, equal as
     * JSON to the non-stream translation's.
     */
    private static JsonNode comparable(JsonNode completion) {
        com.fasterxml.jackson.databind.node.ObjectNode copy =
                (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.normal(completion);
        for (JsonNode choice : copy.path("choices")) {
            com.fasterxml.jackson.databind.node.ObjectNode message =
                    (com.fasterxml.jackson.databind.node.ObjectNode) choice.get("message");
            message.remove(List.of("reasoning_content", "thinking_blocks"));
            if (message.path("tool_calls").isEmpty()) {
                message.remove("tool_calls");
            }
            if (message.path("content").asText("").isEmpty()) {
                message.putNull("content");
            }
            for (JsonNode call : message.path("tool_calls")) {
                com.fasterxml.jackson.databind.node.ObjectNode function =
                        (com.fasterxml.jackson.databind.node.ObjectNode) call.get("function");
                function.set(
                        "arguments",
                        Json.parse(function.get("arguments").asText()).orElseThrow());
            }
        }
        return copy;
    }

    /**
     * What a message keeps through an OpenAI stream: everything but the matched stop sequence; cache counts the
     * provider left out come back as 0.
     */
    private static JsonNode normalised(JsonNode message) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = message.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode usage =
                (com.fasterxml.jackson.databind.node.ObjectNode) copy.get("usage");
        for (String cache : List.of("cache_creation_input_tokens", "cache_read_input_tokens")) {
            if (!usage.has(cache)) {
                usage.put(cache, 0);
            }
        }
        if (copy.path("stop_reason").asText().equals("stop_sequence")) {
            copy.put("stop_reason", "end_turn");
            copy.putNull("stop_sequence");
        }
        return copy;
    }

    private static JsonNode tree(ObjectMapper mapper, Object value) throws Exception {
        return Fixtures.JSON.readTree(mapper.writeValueAsString(value));
    }
}
