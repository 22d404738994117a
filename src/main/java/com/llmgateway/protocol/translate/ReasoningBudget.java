package com.llmgateway.protocol.translate;

import java.util.OptionalInt;

/**
 * OpenAI {@code reasoning_effort} and Anthropic thinking, mapped onto each other.
 *
 * <p>Budgets per effort (Anthropic's minimum budget is 1,024 tokens): minimal 1,024; low 2,048; medium 8,192; high
 * 24,576; xhigh 32,768. Back from a budget: up to 2,048 is low, up to 8,192 medium, above that high, so that each
 * effort survives a round trip except {@code minimal} (which comes back {@code low}) and {@code xhigh} (comes back
 * {@code high}: not every OpenAI model accepts {@code xhigh}).
 */
final class ReasoningBudget {
    static final int MINIMAL = 1024;
    static final int LOW = 2048;
    static final int MEDIUM = 8192;
    static final int HIGH = 24576;
    static final int XHIGH = 32768;

    private ReasoningBudget() {}

    /** The thinking budget for an effort; empty for {@code none}; a 400 for a value OpenAI does not define. */
    static OptionalInt budgetFor(String effort) {
        return switch (effort) {
            case "none" -> OptionalInt.empty();
            case "minimal" -> OptionalInt.of(MINIMAL);
            case "low" -> OptionalInt.of(LOW);
            case "medium" -> OptionalInt.of(MEDIUM);
            case "high" -> OptionalInt.of(HIGH);
            case "xhigh" -> OptionalInt.of(XHIGH);
            default -> throw Json.invalid("reasoning_effort", "is not one of none, minimal, low, medium, high, xhigh");
        };
    }

    /** Anthropic's {@code output_config.effort} for an OpenAI effort (adaptive thinking); empty for {@code none}. */
    static java.util.Optional<String> adaptiveEffortFor(String effort) {
        budgetFor(effort); // validates
        return switch (effort) {
            case "none" -> java.util.Optional.empty();
            case "minimal", "low" -> java.util.Optional.of("low");
            default -> java.util.Optional.of(effort);
        };
    }

    static String effortForBudget(long budget) {
        if (budget <= LOW) {
            return "low";
        }
        return budget <= MEDIUM ? "medium" : "high";
    }

    /** OpenAI's effort for Anthropic's {@code output_config.effort}: {@code xhigh} and {@code max} become high. */
    static String effortForAnthropicEffort(String effort) {
        return switch (effort) {
            case "low", "medium", "high" -> effort;
            default -> "high";
        };
    }
}
