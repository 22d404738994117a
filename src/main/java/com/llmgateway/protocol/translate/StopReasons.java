package com.llmgateway.protocol.translate;

/**
 * Anthropic {@code stop_reason} and OpenAI {@code finish_reason}. OpenAI does not say which stop sequence matched, so
 * {@code stop_sequence} comes back as {@code end_turn}; {@code pause_turn} (server tools only) has no OpenAI meaning
 * and ends as {@code stop}.
 */
final class StopReasons {
    private StopReasons() {}

    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /**
     * @param hasToolCalls some providers answer {@code stop} although the message carries tool calls; the client must
     *     still run them
     */
    static String stopReason(String finishReason, boolean hasToolCalls) {
        if (hasToolCalls && !"length".equals(finishReason)) {
            return "tool_use";
        }
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }
}
