package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.SseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Anthropic Messages stream, event by event, as an OpenAI {@code chat.completion.chunk} stream. Every source event
 * is answered at once with the chunks it implies (often none); nothing is held.
 *
 * <table>
 *   <caption>Events</caption>
 *   <tr><th>Anthropic</th><th>OpenAI</th></tr>
 *   <tr><td>message_start</td><td>role chunk ({@code role: assistant, content: ""})</td></tr>
 *   <tr><td>content_block_start tool_use</td><td>{@code tool_calls[{index, id, type, function{name, arguments:""}}]}
 *       (index counts tool calls, so parallel calls keep their order)</td></tr>
 *   <tr><td>text_delta / input_json_delta / thinking_delta</td><td>{@code content} / {@code tool_calls[].function
 *       .arguments} / {@code reasoning_content}</td></tr>
 *   <tr><td>signature_delta, redacted_thinking</td><td>{@code thinking_blocks} (the signature of the thinking just
 *       streamed as reasoning_content; redacted data)</td></tr>
 *   <tr><td>message_delta</td><td>finish chunk; then the usage chunk ({@code choices: []}) when the client asked
 *       for {@code stream_options.include_usage}</td></tr>
 *   <tr><td>message_stop</td><td>{@code data: [DONE]}</td></tr>
 *   <tr><td>ping</td><td>an SSE comment, to keep idle connections open</td></tr>
 *   <tr><td>error</td><td>{@code data: {"error": ...}} (see {@link ErrorTranslation}), then {@code [DONE]}</td></tr>
 * </table>
 *
 * <p>A source that ends before {@code message_delta} gets an error event and {@code [DONE]} from {@link #onEnd()}, so
 * a cut stream never looks complete; one that ends after it (only {@code message_stop} missing) is complete and just
 * gets its {@code [DONE]}. One instance serves one stream on one event loop.
 */
public final class AnthropicToOpenAiStream implements StreamTranslator {
    private enum State {
        STREAMING,
        FINISHED,
        CLOSED
    }

    private final boolean includeUsage;
    private final long created;
    private final Dropped dropped = new Dropped();
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private final ObjectNode usage = Json.object();
    private State state = State.STREAMING;
    private boolean started;
    private String id = "chatcmpl-gateway";
    private String model = "";

    /**
     * @param includeUsage whether the client asked for the usage chunk ({@code stream_options.include_usage})
     */
    public AnthropicToOpenAiStream(boolean includeUsage, TranslationOptions options) {
        this.includeUsage = includeUsage;
        this.created = options.createdSeconds();
    }

    /** The translator for the stream answering {@code chatRequest}, the OpenAI client's request body. */
    public static AnthropicToOpenAiStream forRequest(JsonNode chatRequest, TranslationOptions options) {
        return new AnthropicToOpenAiStream(
                chatRequest.path("stream_options").path("include_usage").asBoolean(false), options);
    }

    @Override
    public List<byte[]> onEvent(SseEvent event) {
        if (state == State.CLOSED) {
            return List.of();
        }
        JsonNode data = Json.parse(event.data()).orElse(null);
        if (data == null || !data.isObject()) {
            return fail("The provider sent an event that is not JSON.");
        }
        String type = event.event() != null ? event.event() : data.path("type").asText();
        List<byte[]> out = new ArrayList<>(2);
        switch (type) {
            case "message_start" -> messageStart(data.path("message"), out);
            case "content_block_start" -> blockStart(data, out);
            case "content_block_delta" -> blockDelta(data, out);
            case "content_block_stop" -> {}
            case "message_delta" -> messageDelta(data, out);
            case "message_stop" -> messageStop(out);
            case "ping" -> out.add(SseOut.pingComment());
            case "error" -> {
                out.add(ErrorTranslation.openAiStreamError(data));
                out.add(SseOut.done());
                state = State.CLOSED;
            }
            default -> dropped.add("event:" + type);
        }
        return out;
    }

    @Override
    public List<byte[]> onEnd() {
        return switch (state) {
            case CLOSED -> List.of();
            case FINISHED -> {
                state = State.CLOSED;
                yield List.of(SseOut.done());
            }
            case STREAMING -> fail("The provider's stream ended before the message was complete.");
        };
    }

    @Override
    public List<String> droppedFields() {
        return dropped.list();
    }

    private List<byte[]> fail(String message) {
        state = State.CLOSED;
        return List.of(ErrorTranslation.openAiStreamError(message), SseOut.done());
    }

    private void messageStart(JsonNode message, List<byte[]> out) {
        id = Json.textOr(message, "id", id);
        model = Json.textOr(message, "model", model);
        if (message.path("usage").isObject()) {
            usage.setAll((ObjectNode) message.get("usage"));
        }
        ensureStarted(out);
    }

    private void ensureStarted(List<byte[]> out) {
        if (!started) {
            started = true;
            out.add(chunk(Json.object().put("role", "assistant").put("content", ""), null));
        }
    }

    private void blockStart(JsonNode data, List<byte[]> out) {
        ensureStarted(out);
        JsonNode block = data.path("content_block");
        String type = block.path("type").asText();
        switch (type) {
            case "text" -> text(block.path("text").asText(), out);
            case "thinking" -> reasoning(block.path("thinking").asText(), out);
            case "redacted_thinking" ->
                thinkingBlock(
                        Json.object()
                                .put("type", "redacted_thinking")
                                .put("data", block.path("data").asText()),
                        out);
            case "tool_use" -> {
                int toolIndex = toolIndexByBlock.size();
                toolIndexByBlock.put(data.path("index").asInt(), toolIndex);
                ObjectNode call = Json.object().put("index", toolIndex);
                call.put("id", block.path("id").asText());
                call.put("type", "function");
                JsonNode input = block.path("input");
                // Streamed tool use starts with input {}; the arguments follow as input_json_delta.
                String arguments = input.isObject() && !input.isEmpty() ? ToolArguments.toArguments(input) : "";
                call.putObject("function")
                        .put("name", block.path("name").asText())
                        .put("arguments", arguments);
                out.add(toolCallChunk(call));
            }
            default -> dropped.add("content_block." + type);
        }
    }

    private void blockDelta(JsonNode data, List<byte[]> out) {
        ensureStarted(out);
        JsonNode delta = data.path("delta");
        String type = delta.path("type").asText();
        switch (type) {
            case "text_delta" -> text(delta.path("text").asText(), out);
            case "thinking_delta" -> reasoning(delta.path("thinking").asText(), out);
            case "signature_delta" ->
                thinkingBlock(
                        Json.object()
                                .put("type", "thinking")
                                .put("thinking", "")
                                .put("signature", delta.path("signature").asText()),
                        out);
            case "input_json_delta" -> {
                Integer toolIndex = toolIndexByBlock.get(data.path("index").asInt());
                String fragment = delta.path("partial_json").asText();
                if (toolIndex != null && !fragment.isEmpty()) {
                    ObjectNode call = Json.object().put("index", toolIndex);
                    call.putObject("function").put("arguments", fragment);
                    out.add(toolCallChunk(call));
                }
            }
            default -> dropped.add("delta." + type);
        }
    }

    private void messageDelta(JsonNode data, List<byte[]> out) {
        ensureStarted(out);
        if (data.path("usage").isObject()) {
            data.get("usage").properties().forEach(field -> {
                if (!field.getValue().isNull()) {
                    usage.set(field.getKey(), field.getValue());
                }
            });
        }
        JsonNode stopReason = data.path("delta").path("stop_reason");
        if (stopReason.isTextual() && state == State.STREAMING) {
            finish(StopReasons.finishReason(stopReason.textValue()), out);
        }
        if (data.path("delta").path("stop_sequence").isTextual()) {
            dropped.add("stop_sequence");
        }
    }

    private void messageStop(List<byte[]> out) {
        ensureStarted(out);
        if (state == State.STREAMING) {
            finish("stop", out);
        }
        out.add(SseOut.done());
        state = State.CLOSED;
    }

    private void finish(String finishReason, List<byte[]> out) {
        out.add(chunk(Json.object(), finishReason));
        if (includeUsage) {
            ObjectNode chunk = chunkHeader();
            chunk.putArray("choices");
            chunk.set("usage", UsageTranslation.toOpenAi(usage));
            out.add(SseOut.openAi(chunk));
        }
        state = State.FINISHED;
    }

    private void text(String text, List<byte[]> out) {
        if (!text.isEmpty()) {
            out.add(chunk(Json.object().put("content", text), null));
        }
    }

    private void reasoning(String text, List<byte[]> out) {
        if (!text.isEmpty()) {
            out.add(chunk(Json.object().put("reasoning_content", text), null));
        }
    }

    private void thinkingBlock(ObjectNode block, List<byte[]> out) {
        ObjectNode delta = Json.object();
        delta.putArray("thinking_blocks").add(block);
        out.add(chunk(delta, null));
    }

    private byte[] toolCallChunk(ObjectNode call) {
        ObjectNode delta = Json.object();
        ArrayNode calls = delta.putArray("tool_calls");
        calls.add(call);
        return chunk(delta, null);
    }

    private byte[] chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunkHeader();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return SseOut.openAi(chunk);
    }

    private ObjectNode chunkHeader() {
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }
}
