package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.SseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI {@code chat.completion.chunk} stream, chunk by chunk, as an Anthropic Messages stream.
 *
 * <p>The first chunk opens the message ({@code message_start}). Reasoning ({@code reasoning_content} or {@code
 * reasoning}), text and each tool call (by its {@code index}) become content blocks in the order they arrive: a block
 * starts with its first delta and stops when another kind of delta, another tool call or the finish reason arrives,
 * since Anthropic streams one block at a time. Argument fragments pass through as {@code input_json_delta} unchanged.
 *
 * <p>One documented hold: OpenAI sends usage after the finish reason (the {@code choices: []} chunk of {@code
 * stream_options.include_usage}, which {@link MessagesToChat#request} asks for), while Anthropic puts the stop reason
 * and the usage in one {@code message_delta}. So after the finish reason the {@code message_delta} waits for the
 * usage chunk or {@code [DONE]}, which follow immediately; a finish chunk that carries usage itself is answered at
 * once. {@code [DONE]} then gives {@code message_stop}.
 *
 * <p>A source that ends before its finish reason gets an {@code error} event (after closing the open block), never a
 * clean {@code message_stop}; one that ends after it is complete and gets its {@code message_delta} and {@code
 * message_stop}. Arguments of a tool call whose block was already closed (a provider interleaving two calls) cannot be
 * placed in an Anthropic stream and end it with an error. One instance serves one stream on one event loop.
 */
public final class OpenAiToAnthropicStream implements StreamTranslator {
    private enum State {
        STREAMING,
        FINISHING,
        FINISHED,
        CLOSED
    }

    private enum BlockKind {
        THINKING,
        TEXT,
        TOOL
    }

    private final Dropped dropped = new Dropped();
    private final Map<Integer, Integer> blockByToolIndex = new HashMap<>();
    private final Set<Integer> closedTools = new HashSet<>();
    private State state = State.STREAMING;
    private boolean started;
    private String messageId = "msg_gateway";
    private BlockKind openKind;
    private int openToolIndex = -1;
    private int nextBlock;
    private String stopReason;
    private JsonNode usage;

    @Override
    public List<byte[]> onEvent(SseEvent event) {
        if (state == State.CLOSED) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(3);
        if (SseOut.DONE_DATA.equals(event.data().strip())) {
            done(out);
            return out;
        }
        JsonNode chunk = Json.parse(event.data()).orElse(null);
        if (chunk == null || !chunk.isObject()) {
            fail("The provider sent an event that is not JSON.", out);
            return out;
        }
        if (chunk.has("error")) {
            closeBlock(out);
            out.add(ErrorTranslation.anthropicStreamError(chunk));
            state = State.CLOSED;
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
                messageDelta(out);
            }
        }
        return out;
    }

    @Override
    public List<byte[]> onEnd() {
        List<byte[]> out = new ArrayList<>(3);
        switch (state) {
            case CLOSED -> {}
            case FINISHING, FINISHED -> done(out);
            case STREAMING -> fail("The provider's stream ended before the message was complete.", out);
        }
        return out;
    }

    @Override
    public List<String> droppedFields() {
        return dropped.list();
    }

    private void choice(JsonNode choice, List<byte[]> out) {
        JsonNode delta = choice.path("delta");
        String reasoning = ChatCompletionToMessage.reasoningText(delta);
        if (!reasoning.isEmpty()) {
            open(BlockKind.THINKING, -1, out);
            out.add(blockDelta(Json.object().put("type", "thinking_delta").put("thinking", reasoning)));
        }
        for (JsonNode block : delta.path("thinking_blocks")) {
            thinkingBlock(block, reasoning.isEmpty(), out);
        }
        for (String field : new String[] {"content", "refusal"}) {
            JsonNode text = delta.path(field);
            if (text.isTextual() && !text.textValue().isEmpty()) {
                open(BlockKind.TEXT, -1, out);
                out.add(blockDelta(Json.object().put("type", "text_delta").put("text", text.textValue())));
            }
        }
        if (!delta.path("refusal").asText("").isEmpty()) {
            stopReason = "refusal";
        }
        for (JsonNode call : delta.path("tool_calls")) {
            if (!toolCall(call, out)) {
                return;
            }
        }
        JsonNode finishReason = choice.path("finish_reason");
        if (finishReason.isTextual()) {
            boolean toolCalls = !blockByToolIndex.isEmpty();
            String mapped = StopReasons.stopReason(finishReason.textValue(), toolCalls);
            stopReason = "refusal".equals(stopReason) ? stopReason : mapped;
            closeBlock(out);
            state = State.FINISHING;
        }
    }

    /**
     * A {@code thinking_blocks} delta (this gateway's and LiteLLM's extension): the signature of the thinking being
     * streamed, or a whole redacted block. Its text is used only when the delta had no {@code reasoning_content},
     * which LiteLLM repeats.
     */
    private void thinkingBlock(JsonNode block, boolean useText, List<byte[]> out) {
        String type = block.path("type").asText();
        if (type.equals("redacted_thinking")) {
            closeBlock(out);
            ObjectNode start = Json.object().put("type", "content_block_start").put("index", nextBlock++);
            start.putObject("content_block")
                    .put("type", "redacted_thinking")
                    .put("data", block.path("data").asText());
            out.add(SseOut.typed(start));
            out.add(SseOut.typed(Json.object().put("type", "content_block_stop").put("index", nextBlock - 1)));
            return;
        }
        String text = block.path("thinking").asText();
        String signature = block.path("signature").asText();
        if (useText && !text.isEmpty()) {
            open(BlockKind.THINKING, -1, out);
            out.add(blockDelta(Json.object().put("type", "thinking_delta").put("thinking", text)));
        }
        if (!signature.isEmpty()) {
            open(BlockKind.THINKING, -1, out);
            out.add(blockDelta(Json.object().put("type", "signature_delta").put("signature", signature)));
        }
    }

    /** False when the call could not be placed and the stream was ended. */
    private boolean toolCall(JsonNode call, List<byte[]> out) {
        int index = call.path("index").asInt(0);
        JsonNode function = call.path("function");
        if (closedTools.contains(index)) {
            fail(
                    "The provider interleaved the arguments of parallel tool calls, which Anthropic streams cannot carry.",
                    out);
            return false;
        }
        if (!blockByToolIndex.containsKey(index)) {
            closeBlock(out);
            int block = nextBlock++;
            blockByToolIndex.put(index, block);
            openKind = BlockKind.TOOL;
            openToolIndex = index;
            String id = Json.textOr(call, "id", ChatCompletionToMessage.missingToolCallId(messageId, index));
            ObjectNode start = Json.object().put("type", "content_block_start").put("index", block);
            ObjectNode content = start.putObject("content_block").put("type", "tool_use");
            content.put("id", id).put("name", Json.textOr(function, "name", ""));
            content.putObject("input");
            out.add(SseOut.typed(start));
        } else if (openToolIndex != index) {
            // Never opened here and not closed: cannot happen, but a second open would break the block order.
            return true;
        }
        String arguments = Json.textOr(function, "arguments", "");
        if (!arguments.isEmpty()) {
            out.add(blockDelta(Json.object().put("type", "input_json_delta").put("partial_json", arguments)));
        }
        return true;
    }

    private void ensureStarted(JsonNode chunk, List<byte[]> out) {
        if (started) {
            return;
        }
        started = true;
        messageId = Json.textOr(chunk, "id", messageId);
        ObjectNode start = Json.object().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", messageId);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", Json.textOr(chunk, "model", ""));
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        // OpenAI reports usage only at the end; the real counts come in message_delta.
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        out.add(SseOut.typed(start));
    }

    private void open(BlockKind kind, int toolIndex, List<byte[]> out) {
        if (openKind == kind && openToolIndex == toolIndex) {
            return;
        }
        closeBlock(out);
        openKind = kind;
        openToolIndex = toolIndex;
        ObjectNode start = Json.object().put("type", "content_block_start").put("index", nextBlock++);
        ObjectNode content = start.putObject("content_block");
        if (kind == BlockKind.THINKING) {
            content.put("type", "thinking").put("thinking", "").put("signature", "");
        } else {
            content.put("type", "text").put("text", "");
        }
        out.add(SseOut.typed(start));
    }

    private void closeBlock(List<byte[]> out) {
        if (openKind == null) {
            return;
        }
        if (openKind == BlockKind.TOOL) {
            closedTools.add(openToolIndex);
        }
        out.add(SseOut.typed(Json.object().put("type", "content_block_stop").put("index", nextBlock - 1)));
        openKind = null;
        openToolIndex = -1;
    }

    private byte[] blockDelta(ObjectNode delta) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", nextBlock - 1);
        event.set("delta", delta);
        return SseOut.typed(event);
    }

    private void messageDelta(List<byte[]> out) {
        ObjectNode event = Json.object().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        event.set("usage", UsageTranslation.toAnthropic(usage == null ? Json.object() : usage));
        out.add(SseOut.typed(event));
        state = State.FINISHED;
    }

    /** {@code [DONE]}, or the end of a stream that finished without it. */
    private void done(List<byte[]> out) {
        if (!started) {
            ensureStarted(Json.object(), out);
        }
        if (state == State.STREAMING) {
            // [DONE] without a finish reason: the provider says the answer is complete.
            closeBlock(out);
            stopReason = stopReason == null ? (blockByToolIndex.isEmpty() ? "end_turn" : "tool_use") : stopReason;
            state = State.FINISHING;
        }
        if (state == State.FINISHING) {
            messageDelta(out);
        }
        out.add(SseOut.typed(Json.object().put("type", "message_stop")));
        state = State.CLOSED;
    }

    private void fail(String message, List<byte[]> out) {
        closeBlock(out);
        out.add(ErrorTranslation.anthropicStreamError(message));
        state = State.CLOSED;
    }
}
