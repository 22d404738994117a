package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Token usage in each protocol's terms.
 *
 * <p>Anthropic counts input in three parts (uncached {@code input_tokens}, {@code cache_read_input_tokens}, {@code
 * cache_creation_input_tokens}); OpenAI's {@code prompt_tokens} is their sum, with the cache reads repeated in {@code
 * prompt_tokens_details.cached_tokens}. OpenAI has no field for cache writes, so they also travel as the top-level
 * extension {@code cache_creation_input_tokens} (the name LiteLLM and others use), which the way back reads. Reasoning
 * tokens are {@code completion_tokens_details.reasoning_tokens} and {@code output_tokens_details.thinking_tokens}.
 */
final class UsageTranslation {
    static final String CACHE_CREATION = "cache_creation_input_tokens";
    static final String CACHE_READ = "cache_read_input_tokens";

    private UsageTranslation() {}

    /** OpenAI usage from an Anthropic usage object (a message's, or a stream's start and delta merged). */
    static ObjectNode toOpenAi(JsonNode usage) {
        long input = Json.longOr(usage, "input_tokens", 0);
        long cacheRead = Json.longOr(usage, CACHE_READ, 0);
        long cacheWrite = Json.longOr(usage, CACHE_CREATION, 0);
        long output = Json.longOr(usage, "output_tokens", 0);
        long prompt = input + cacheRead + cacheWrite;
        ObjectNode out = Json.object();
        out.put("prompt_tokens", prompt);
        out.put("completion_tokens", output);
        out.put("total_tokens", prompt + output);
        out.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        JsonNode details = usage.path("output_tokens_details");
        if (details.path("thinking_tokens").isNumber()) {
            out.putObject("completion_tokens_details")
                    .put("reasoning_tokens", details.get("thinking_tokens").longValue());
        }
        if (cacheWrite > 0) {
            out.put(CACHE_CREATION, cacheWrite);
        }
        return out;
    }

    /** Anthropic usage from an OpenAI usage object. */
    static ObjectNode toAnthropic(JsonNode usage) {
        long prompt = Json.longOr(usage, "prompt_tokens", 0);
        long cacheRead = Json.longOr(usage.path("prompt_tokens_details"), "cached_tokens", 0);
        long cacheWrite = Json.longOr(usage, CACHE_CREATION, 0);
        ObjectNode out = Json.object();
        out.put("input_tokens", Math.max(0, prompt - cacheRead - cacheWrite));
        out.put(CACHE_CREATION, cacheWrite);
        out.put(CACHE_READ, cacheRead);
        out.put("output_tokens", Json.longOr(usage, "completion_tokens", 0));
        long reasoning = Json.longOr(usage.path("completion_tokens_details"), "reasoning_tokens", 0);
        if (reasoning > 0) {
            out.putObject("output_tokens_details").put("thinking_tokens", reasoning);
        }
        return out;
    }
}
