package com.llmgateway.protocol.translate;

import java.time.InstantSource;
import java.util.Objects;

/**
 * What a translation needs to know about the provider on the other side; plain data, defaults as named constants.
 *
 * @param defaultMaxTokens Anthropic's {@code max_tokens} when an OpenAI client set no limit (Anthropic requires one)
 * @param thinkingStyle how an OpenAI {@code reasoning_effort} is expressed to an Anthropic provider
 * @param forwardSamplingParameters whether {@code temperature} and {@code top_p} reach an Anthropic provider; models
 *     that no longer accept them (Claude Opus 4.7 answers 400) need {@code false}, which drops and lists them
 * @param reasoningContentInHistory whether an OpenAI-compatible provider accepts {@code reasoning_content} on
 *     assistant messages (DeepSeek, vLLM and others do; OpenAI itself rejects unknown message fields), so that an
 *     Anthropic client's thinking blocks are kept as text instead of dropped
 * @param maxTokensField which OpenAI field carries an Anthropic client's {@code max_tokens}
 * @param clock the source of {@code created} in OpenAI responses and chunks
 */
public record TranslationOptions(
        int defaultMaxTokens,
        ThinkingStyle thinkingStyle,
        boolean forwardSamplingParameters,
        boolean reasoningContentInHistory,
        MaxTokensField maxTokensField,
        InstantSource clock) {

    /** Anthropic requires {@code max_tokens}; the original gateway sent 4096 when the client gave none. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    /** How an OpenAI {@code reasoning_effort} becomes Anthropic extended thinking. */
    public enum ThinkingStyle {
        /** {@code thinking: {type: enabled, budget_tokens}}, budget per {@link ReasoningBudget}. */
        BUDGET_TOKENS,
        /**
         * {@code thinking: {type: adaptive}} plus {@code output_config.effort}: models from Claude Opus 4.7 on accept
         * only this form.
         */
        ADAPTIVE
    }

    /** The OpenAI output limit field: {@code max_completion_tokens} is current; older compatible servers know only
     * {@code max_tokens}. */
    public enum MaxTokensField {
        MAX_COMPLETION_TOKENS("max_completion_tokens"),
        MAX_TOKENS("max_tokens");

        private final String wireName;

        MaxTokensField(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public TranslationOptions {
        if (defaultMaxTokens < 1) {
            throw new IllegalArgumentException("defaultMaxTokens " + defaultMaxTokens);
        }
        Objects.requireNonNull(thinkingStyle, "thinkingStyle");
        Objects.requireNonNull(maxTokensField, "maxTokensField");
        Objects.requireNonNull(clock, "clock");
    }

    public static TranslationOptions defaults() {
        return new TranslationOptions(
                DEFAULT_MAX_TOKENS,
                ThinkingStyle.BUDGET_TOKENS,
                true,
                false,
                MaxTokensField.MAX_COMPLETION_TOKENS,
                InstantSource.system());
    }

    public TranslationOptions withThinkingStyle(ThinkingStyle style) {
        return new TranslationOptions(
                defaultMaxTokens, style, forwardSamplingParameters, reasoningContentInHistory, maxTokensField, clock);
    }

    public TranslationOptions withForwardSamplingParameters(boolean forward) {
        return new TranslationOptions(
                defaultMaxTokens, thinkingStyle, forward, reasoningContentInHistory, maxTokensField, clock);
    }

    public TranslationOptions withReasoningContentInHistory(boolean keep) {
        return new TranslationOptions(
                defaultMaxTokens, thinkingStyle, forwardSamplingParameters, keep, maxTokensField, clock);
    }

    public TranslationOptions withMaxTokensField(MaxTokensField field) {
        return new TranslationOptions(
                defaultMaxTokens, thinkingStyle, forwardSamplingParameters, reasoningContentInHistory, field, clock);
    }

    public TranslationOptions withClock(InstantSource source) {
        return new TranslationOptions(
                defaultMaxTokens,
                thinkingStyle,
                forwardSamplingParameters,
                reasoningContentInHistory,
                maxTokensField,
                source);
    }

    long createdSeconds() {
        return clock.instant().getEpochSecond();
    }
}
