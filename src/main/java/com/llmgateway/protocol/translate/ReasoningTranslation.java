package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalInt;

/** OpenAI {@code reasoning_effort} and Anthropic {@code thinking} / {@code output_config.effort}. */
final class ReasoningTranslation {
    private ReasoningTranslation() {}

    /**
     * Sets Anthropic's thinking for an OpenAI {@code reasoning_effort}; true when thinking is on.
     *
     * <p>With a budget, Anthropic requires {@code budget_tokens < max_tokens}, and both count thinking and answer
     * together as OpenAI's {@code max_completion_tokens} does. So a client limit stays the limit and the budget is cut
     * below it (thinking is dropped when under Anthropic's 1,024 minimum); without a client limit the default limit is
     * added on top of the budget, leaving the answer its usual room.
     *
     * <p>Anthropic rejects a request with thinking on whose last assistant turn called tools without its signed
     * thinking, which is what OpenAI clients that do not echo {@code thinking_blocks} send in a tool loop. Thinking is
     * then left off for that request and {@code reasoning_effort} listed as dropped, rather than failing the turn.
     */
    static boolean toAnthropic(RequestTranslation t, OptionalInt clientLimit, boolean lastToolTurnLacksThinking) {
        ObjectNode out = t.target();
        Optional<String> effort = Json.text(t.source(), "reasoning_effort", "reasoning_effort");
        if (effort.isEmpty()) {
            return false;
        }
        OptionalInt budget = ReasoningBudget.budgetFor(effort.get());
        if (budget.isEmpty()) {
            return false;
        }
        if (lastToolTurnLacksThinking) {
            t.dropped().add("reasoning_effort");
            return false;
        }
        if (t.options().thinkingStyle() == TranslationOptions.ThinkingStyle.ADAPTIVE) {
            out.putObject("thinking").put("type", "adaptive");
            outputConfig(out)
                    .put(
                            "effort",
                            ReasoningBudget.adaptiveEffortFor(effort.get()).orElseThrow());
            return true;
        }
        int tokens = budget.getAsInt();
        if (clientLimit.isPresent()) {
            tokens = Math.min(tokens, clientLimit.getAsInt() - 1);
            if (tokens < ReasoningBudget.MINIMAL) {
                t.dropped().add("reasoning_effort");
                return false;
            }
        } else {
            out.put("max_tokens", t.options().defaultMaxTokens() + tokens);
        }
        out.putObject("thinking").put("type", "enabled").put("budget_tokens", tokens);
        return true;
    }

    /**
     * Sets OpenAI's {@code reasoning_effort} for Anthropic's thinking: a budget maps by {@link ReasoningBudget}, an
     * explicit {@code output_config.effort} wins, adaptive thinking without one is Anthropic's default effort, high.
     */
    static void toOpenAi(RequestTranslation t) {
        ObjectNode anthropic = t.source();
        Dropped dropped = t.dropped();
        JsonNode thinking = anthropic.get("thinking");
        String effort = null;
        if (thinking != null && !thinking.isNull()) {
            ObjectNode config = Json.requireObject(thinking, "thinking");
            String type = Json.text(config, "type", "thinking.type").orElse("");
            switch (type) {
                case "enabled" -> {
                    JsonNode budget = config.get("budget_tokens");
                    if (budget == null || !budget.canConvertToLong()) {
                        throw Json.invalid("thinking.budget_tokens", "must be an integer");
                    }
                    effort = ReasoningBudget.effortForBudget(budget.longValue());
                }
                case "adaptive" -> effort = "high";
                case "disabled" -> {}
                default -> throw Json.invalid("thinking.type", "is not one of enabled, adaptive, disabled");
            }
            if (!Json.absent(config, "display")) {
                dropped.add("thinking.display");
            }
        }
        JsonNode explicit = anthropic.path("output_config").path("effort");
        if (explicit.isTextual()) {
            String mapped = ReasoningBudget.effortForAnthropicEffort(explicit.textValue());
            if (!mapped.equals(explicit.textValue())) {
                dropped.add("output_config.effort");
            }
            effort = mapped;
        }
        if (effort != null) {
            t.target().put("reasoning_effort", effort);
        }
    }

    static ObjectNode outputConfig(ObjectNode out) {
        return out.has("output_config") ? (ObjectNode) out.get("output_config") : out.putObject("output_config");
    }
}
