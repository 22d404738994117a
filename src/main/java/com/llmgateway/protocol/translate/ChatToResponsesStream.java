package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.SseEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A chat completion chunk stream as Responses API stream events ({@code event: <type>}, each with its {@code
 * sequence_number}).
 *
 * <p>The first chunk gives {@code response.created} and {@code response.in_progress}. Reasoning, text and each tool
 * call become output items in arrival order, one open at a time: {@code response.output_item.added} (and {@code
 * response.content_part.added} for text), then {@code response.reasoning_text.delta}, {@code
 * response.output_text.delta} or {@code response.function_call_arguments.delta} per chunk, and the {@code .done}
 * events when another item starts or the finish reason arrives. The finish reason waits for the usage chunk or {@code
 * [DONE]} (the same hold as {@link OpenAiToAnthropicStream}), then {@code response.completed} (or {@code
 * response.incomplete} for {@code length} and {@code content_filter}) carries the whole response.
 *
 * <p>The Responses protocol repeats each item's whole text in its {@code .done} events and the whole output in {@code
 * response.completed}, so the text is kept as it passes (each delta still goes out at once). A refusal is streamed as
 * output text. A source that ends before its finish reason, or an error chunk, gives an {@code error} event.
 */
public final class ChatToResponsesStream implements StreamTranslator {
    private enum State {
        STREAMING,
        FINISHING,
        CLOSED
    }

    private enum Kind {
        REASONING,
        MESSAGE,
        FUNCTION
    }

    private final JsonNode request;
    private final long clockSeconds;
    private final Dropped dropped = new Dropped();
    private final Set<Integer> toolIndexes = new HashSet<>();
    private final ArrayNode doneItems = Json.array();
    private State state = State.STREAMING;
    private ObjectNode response;
    private String completionId = "gateway";
    private long sequence;
    private Kind open;
    private int openToolIndex = -1;
    private String openCallId;
    private String openName;
    private final StringBuilder openText = new StringBuilder();
    private String finishReason;
    private JsonNode usage;

    /** @param responsesRequest the client's Responses request, whose settings every response object echoes */
    public ChatToResponsesStream(JsonNode responsesRequest, TranslationOptions options) {
        this.request = responsesRequest;
        this.clockSeconds = options.createdSeconds();
    }

    @Override
    public List<byte[]> onEvent(SseEvent event) {
        if (state == State.CLOSED) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(4);
        if (SseOut.DONE_DATA.equals(event.data().strip())) {
            complete(out);
            return out;
        }
        JsonNode chunk = Json.parse(event.data()).orElse(null);
        if (chunk == null || !chunk.isObject()) {
            fail("invalid_chunk", "The provider sent an event that is not JSON.", out);
            return out;
        }
        if (chunk.has("error")) {
            JsonNode error = chunk.get("error");
            fail(
                    Json.textOr(error, "code", Json.textOr(error, "type", "api_error")),
                    Json.textOr(error, "message", "The provider's stream failed."),
                    out);
            return out;
        }
        ensureStarted(chunk, out);
        JsonNode choices = chunk.path("choices");
        if (choices.size() > 1) {
            dropped.add("choices[]");
        }
        if (!choices.isEmpty() && state == State.STREAMING) {
            choice(choices.get(0), out);
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
            if (state == State.FINISHING) {
                complete(out);
            }
        }
        return out;
    }

    @Override
    public List<byte[]> onEnd() {
        List<byte[]> out = new ArrayList<>(2);
        switch (state) {
            case CLOSED -> {}
            case FINISHING -> complete(out);
            case STREAMING ->
                fail("stream_incomplete", "The provider's stream ended before the response was complete.", out);
        }
        return out;
    }

    @Override
    public List<String> droppedFields() {
        return dropped.list();
    }

    private void ensureStarted(JsonNode chunk, List<byte[]> out) {
        if (response != null) {
            return;
        }
        completionId = Json.textOr(chunk, "id", completionId);
        long createdAt = Json.longOr(chunk, "created", clockSeconds);
        response = ResponseObjects.base(completionId, createdAt, Json.textOr(chunk, "model", ""), request);
        out.add(emit(event("response.created"), "response", response.deepCopy()));
        out.add(emit(event("response.in_progress"), "response", response.deepCopy()));
    }

    private void choice(JsonNode choice, List<byte[]> out) {
        JsonNode delta = choice.path("delta");
        String reasoning = ChatCompletionToMessage.reasoningText(delta);
        if (!reasoning.isEmpty()) {
            open(Kind.REASONING, -1, null, out);
            openText.append(reasoning);
            out.add(emit(itemEvent("response.reasoning_text.delta").put("content_index", 0), "delta", reasoning));
        }
        String text = delta.path("content").asText("") + delta.path("refusal").asText("");
        if (!text.isEmpty()) {
            open(Kind.MESSAGE, -1, null, out);
            openText.append(text);
            ObjectNode textDelta = itemEvent("response.output_text.delta")
                    .put("content_index", 0)
                    .put("delta", text);
            textDelta.putArray("logprobs");
            out.add(SseOut.typed(textDelta));
        }
        for (JsonNode call : delta.path("tool_calls")) {
            if (!toolCall(call, out)) {
                return;
            }
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.get("finish_reason").textValue();
            close(out);
            state = State.FINISHING;
        }
    }

    private boolean toolCall(JsonNode call, List<byte[]> out) {
        int index = call.path("index").asInt(0);
        if (index != openToolIndex && toolIndexes.contains(index)) {
            fail("interleaved_tool_calls", "The provider interleaved the arguments of parallel tool calls.", out);
            return false;
        }
        if (index != openToolIndex) {
            toolIndexes.add(index);
            JsonNode function = call.path("function");
            String callId = Json.textOr(call, "id", ChatCompletionToMessage.missingToolCallId(completionId, index));
            open(Kind.FUNCTION, index, new String[] {callId, Json.textOr(function, "name", "")}, out);
        }
        String arguments = call.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            openText.append(arguments);
            out.add(emit(itemEvent("response.function_call_arguments.delta"), "delta", arguments));
        }
        return true;
    }

    /** Opens an item of {@code kind} unless it is the open one; {@code call} is the call id and name of a function. */
    private void open(Kind kind, int toolIndex, String[] call, List<byte[]> out) {
        if (open == kind && openToolIndex == toolIndex) {
            return;
        }
        close(out);
        open = kind;
        openToolIndex = toolIndex;
        ObjectNode item = switch (kind) {
            case REASONING -> ResponseObjects.reasoningItem(completionId, null, "in_progress");
            case MESSAGE -> ResponseObjects.messageItem(completionId, null, "in_progress");
            case FUNCTION -> {
                openCallId = call[0];
                openName = call[1];
                yield ResponseObjects.functionCallItem(openCallId, openName, "", "in_progress");
            }
        };
        out.add(emit(event("response.output_item.added").put("output_index", doneItems.size()), "item", item));
        if (kind == Kind.MESSAGE) {
            out.add(emit(
                    itemEvent("response.content_part.added").put("content_index", 0),
                    "part",
                    ResponseObjects.outputText("")));
        }
    }

    private void close(List<byte[]> out) {
        if (open == null) {
            return;
        }
        String text = openText.toString();
        // The item being written when the answer was cut is incomplete, as the Responses API marks it.
        String status =
                "length".equals(finishReason) || "content_filter".equals(finishReason) ? "incomplete" : "completed";
        ObjectNode item;
        switch (open) {
            case REASONING -> {
                out.add(emit(itemEvent("response.reasoning_text.done").put("content_index", 0), "text", text));
                item = ResponseObjects.reasoningItem(completionId, text, status);
            }
            case MESSAGE -> {
                ObjectNode done = itemEvent("response.output_text.done")
                        .put("content_index", 0)
                        .put("text", text);
                done.putArray("logprobs");
                out.add(SseOut.typed(done));
                out.add(emit(
                        itemEvent("response.content_part.done").put("content_index", 0),
                        "part",
                        ResponseObjects.outputText(text)));
                item = ResponseObjects.messageItem(completionId, text, status);
            }
            default -> {
                ObjectNode done =
                        itemEvent("response.function_call_arguments.done").put("arguments", text);
                out.add(SseOut.typed(done.put("name", openName)));
                item = ResponseObjects.functionCallItem(openCallId, openName, text, status);
            }
        }
        out.add(emit(event("response.output_item.done").put("output_index", doneItems.size()), "item", item));
        doneItems.add(item);
        open = null;
        openToolIndex = -1;
        openText.setLength(0);
    }

    /** {@code response.completed} or {@code response.incomplete}, with the whole output and the usage. */
    private void complete(List<byte[]> out) {
        if (response == null) {
            ensureStarted(Json.object(), out);
        }
        close(out);
        ObjectNode finished = response.deepCopy();
        finished.set("output", doneItems.deepCopy());
        ResponseObjects.finish(finished, finishReason == null ? "stop" : finishReason, usage);
        String type =
                finished.path("status").asText().equals("incomplete") ? "response.incomplete" : "response.completed";
        out.add(emit(event(type), "response", finished));
        state = State.CLOSED;
    }

    private void fail(String code, String message, List<byte[]> out) {
        ObjectNode error = event("error").put("code", code).put("message", message);
        error.putNull("param");
        out.add(SseOut.typed(error));
        state = State.CLOSED;
    }

    private ObjectNode event(String type) {
        return Json.object().put("type", type).put("sequence_number", sequence++);
    }

    /** An event about the open item: its id and output index. */
    private ObjectNode itemEvent(String type) {
        String itemId = switch (open) {
            case REASONING -> "rs_" + completionId;
            case MESSAGE -> "msg_" + completionId;
            case FUNCTION -> "fc_" + openCallId;
        };
        return event(type).put("item_id", itemId).put("output_index", doneItems.size());
    }

    private static byte[] emit(ObjectNode event, String field, JsonNode value) {
        event.set(field, value);
        return SseOut.typed(event);
    }

    private static byte[] emit(ObjectNode event, String field, String value) {
        event.put(field, value);
        return SseOut.typed(event);
    }
}
