package com.llmgateway.usage;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.proxy.Endpoint;
import java.util.Set;

/** Which wire format a relayed response has, which decides where its text and usage are. */
enum ResponseShape {
    /** OpenAI chat completions and legacy completions: {@code choices[]}, and a usage chunk at the end of a stream. */
    CHAT(Set.of()),
    /** OpenAI Responses API: named events; the usage is in {@code response.completed}. */
    RESPONSES(Set.of(
            "response.output_text.delta",
            "response.refusal.delta",
            "response.function_call_arguments.delta",
            "response.reasoning_summary_text.delta",
            "response.reasoning_text.delta",
            "response.completed",
            "response.incomplete",
            "response.failed")),
    /** OpenAI embeddings: input usage only, nothing generated. */
    EMBEDDINGS(Set.of()),
    /** Anthropic messages: usage in {@code message_start} and the cumulative {@code message_delta}. */
    MESSAGES(Set.of("message_start", "message_delta", "content_block_start", "content_block_delta")),
    /** Anthropic token counting: bills nothing, so its {@code input_tokens} is no usage. */
    COUNT_TOKENS(Set.of());

    /**
     * Event types that can carry text or usage, for formats whose events are typed; the others (pings, the "done"
     * events repeating the whole text, {@code response.created} with its null usage) are never parsed.
     */
    private final Set<String> carriers;

    ResponseShape(Set<String> carriers) {
        this.carriers = carriers;
    }

    /** The format of what {@code endpoint} answers when the provider speaks {@code upstreamProtocol}. */
    static ResponseShape of(Protocol upstreamProtocol, Endpoint endpoint) {
        if (endpoint == Endpoint.COUNT_TOKENS) {
            return COUNT_TOKENS;
        }
        if (upstreamProtocol == Protocol.ANTHROPIC) {
            return MESSAGES;
        }
        return switch (endpoint) {
            case RESPONSES -> RESPONSES;
            case EMBEDDINGS -> EMBEDDINGS;
            default -> CHAT;
        };
    }

    /** Whether an event of {@code type} (null when the event did not say) may carry text or usage. */
    boolean mayCarry(String type) {
        return switch (this) {
            case CHAT, EMBEDDINGS -> true;
            case RESPONSES, MESSAGES -> type == null || carriers.contains(type);
            case COUNT_TOKENS -> false;
        };
    }
}
