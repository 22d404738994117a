package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** Whole server-sent events as bytes. The JSON is compact, so each payload fits on one {@code data} line. */
final class SseOut {
    static final String DONE_DATA = "[DONE]";
    private static final byte[] DONE = ("data: " + DONE_DATA + "\n\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING_COMMENT = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseOut() {}

    static byte[] openAi(JsonNode data) {
        return ("data: " + Json.string(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] done() {
        return DONE.clone();
    }

    /** A comment line: ignored by every SSE client, but it keeps idle connections open as Anthropic's ping does. */
    static byte[] pingComment() {
        return PING_COMMENT.clone();
    }

    /**
     * A comment line with {@code text}, line breaks and other control characters replaced by spaces: a provider's
     * names end up in it, and must not start a line of their own.
     */
    static byte[] comment(String text) {
        return (": " + text.replaceAll("\\p{Cntrl}", " ") + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An event named by its data's {@code type}, as Anthropic and the Responses API send them. */
    static byte[] typed(JsonNode data) {
        String type = data.path("type").asText();
        return ("event: " + type + "\ndata: " + Json.string(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
