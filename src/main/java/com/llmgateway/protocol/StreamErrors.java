package com.llmgateway.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The event a relay writes when an upstream stream breaks after the client already received bytes: the status line
 * is gone, so the error can only travel inside the stream, in the shape each SDK raises as an error.
 */
public final class StreamErrors {
    private static final byte[] OPENAI_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    // Anthropic's streaming docs deliver mid-stream failures as an "error" event, which its SDKs raise.
    private static final byte[] ANTHROPIC_PREFIX = "event: error\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private StreamErrors() {}

    /** {@code data: <OpenAI error body>} and a blank line. */
    public static byte[] openAi(GatewayError error) {
        return event(OPENAI_PREFIX, error.openAiBody());
    }

    /** {@code event: error}, {@code data: <Anthropic error body>} and a blank line. */
    public static byte[] anthropic(GatewayError error) {
        return event(ANTHROPIC_PREFIX, error.anthropicBody());
    }

    // The bodies are compact JSON (newlines inside strings are escaped), so each fits on one data line.
    private static byte[] event(byte[] prefix, byte[] body) {
        byte[] out = new byte[prefix.length + body.length + EVENT_END.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        System.arraycopy(EVENT_END, 0, out, prefix.length + body.length, EVENT_END.length);
        return out;
    }
}
