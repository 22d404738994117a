package com.llmgateway.bench;

import io.vertx.core.buffer.Buffer;

/**
 * The mock's answers in both wire formats, built once as bytes: the benchmark measures proxies, so the mock must spend
 * as little as possible per request. Shapes follow what the official APIs send (OpenAI chat completion and
 * {@code chat.completion.chunk} events ending in {@code [DONE]}; Anthropic message and the {@code message_start ...
 * message_stop} event sequence), with usage where each API reports it.
 */
final class MockResponses {
    private static final String OPENAI_COMPLETION = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
            + "\"created\":1700000000,\"model\":\"mock-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"Hello from the mock upstream.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}";
    private static final String ANTHROPIC_MESSAGE = "{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":"
            + "\"assistant\",\"model\":\"mock-model\",\"content\":[{\"type\":\"text\",\"text\":"
            + "\"Hello from the mock upstream.\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":12,\"output_tokens\":7}}";

    private static final String OPENAI_CHUNK = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"mock-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
            + "\"tok \"},\"finish_reason\":null}]}\n\n";
    private static final String OPENAI_LAST = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"mock-model\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}\n\n";
    private static final String OPENAI_DONE = "data: [DONE]\n\n";

    private static final String ANTHROPIC_START = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
            + "{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"mock-model\",\"content\":[],"
            + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
            + "{\"type\":\"text\",\"text\":\"\"}}\n\n";
    private static final String ANTHROPIC_CHUNK = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
            + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"tok \"}}\n\n";
    private static final String ANTHROPIC_END =
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\"," + "\"index\":0}\n\n";
    private static final String ANTHROPIC_STOP = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    static final Buffer OPENAI_BODY = Buffer.buffer(OPENAI_COMPLETION);
    static final Buffer ANTHROPIC_BODY = Buffer.buffer(ANTHROPIC_MESSAGE);

    private MockResponses() {}

    /** The non-stream answer. */
    static Buffer body(boolean anthropic) {
        return anthropic ? ANTHROPIC_BODY : OPENAI_BODY;
    }

    /** The first write of a stream: everything up to and including the first content chunk. */
    static Buffer streamHead(boolean anthropic) {
        return Buffer.buffer(anthropic ? ANTHROPIC_START + ANTHROPIC_CHUNK : OPENAI_CHUNK);
    }

    /** One further content chunk. */
    static Buffer streamChunk(boolean anthropic) {
        return Buffer.buffer(anthropic ? ANTHROPIC_CHUNK : OPENAI_CHUNK);
    }

    /** The end of a stream of {@code chunks} content chunks, with the usage each API reports there. */
    static Buffer streamTail(boolean anthropic, int chunks, boolean includeUsage) {
        if (anthropic) {
            return Buffer.buffer(ANTHROPIC_END
                    + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                    + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + chunks + "}}\n\n"
                    + ANTHROPIC_STOP);
        }
        // OpenAI sends the usage chunk (empty choices) only when the request asked for stream_options.include_usage.
        String usage = includeUsage
                ? "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                        + "\"model\":\"mock-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
                        + "\"completion_tokens\":" + chunks + ",\"total_tokens\":" + (12 + chunks) + "}}\n\n"
                : "";
        return Buffer.buffer(OPENAI_LAST + usage + OPENAI_DONE);
    }

    /** A protocol-shaped error body for {@code status}. */
    static Buffer error(boolean anthropic, int status) {
        String message = "mock upstream answered " + status;
        return Buffer.buffer(
                anthropic
                        ? "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"" + message + "\"}}"
                        : "{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\",\"param\":null,"
                                + "\"code\":null}}");
    }
}
