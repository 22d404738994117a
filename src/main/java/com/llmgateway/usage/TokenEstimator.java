package com.llmgateway.usage;

import com.llmgateway.protocol.Protocol;

/**
 * A local count of generated tokens, for when the provider reported none (seed-spec section 8): the model family's
 * tiktoken encoding for OpenAI-protocol models (chosen by model-name prefix, as for input tokens), four characters
 * per token for Claude, which has no public tokenizer. CPU work: never call it on an event loop.
 */
public final class TokenEstimator {
    private TokenEstimator() {}

    /** Tokens of {@code text} as {@code model}, reached over {@code protocol}, would have generated it. */
    public static long outputTokens(Protocol protocol, String model, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return switch (protocol) {
            // Special-token text such as "<|endoftext|>" in an answer is counted as plain text rather than refused.
            case OPENAI -> InputTokenCounter.encoding(model).countTokensOrdinary(text);
            case ANTHROPIC -> InputTokenCounter.estimate(text);
        };
    }
}
