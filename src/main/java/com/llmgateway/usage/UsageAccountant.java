package com.llmgateway.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.Endpoint;
import com.llmgateway.proxy.ExchangeRecord;
import java.io.IOException;

/**
 * The tokens of a finished exchange (seed-spec section 8, issue 3 "Tokens"): what the provider reported first; a
 * local count only for what it did not report, and only when a successful response was relayed (an aborted stream
 * counts the text the client received). Errors without such a response, and token counting, which bills nothing,
 * count nothing.
 *
 * <p>CPU work (tokenizing up to {@link ResponseObserver#MAX_OUTPUT_CHARS} chars): call it from the log writer's
 * thread, never from an event loop. Thread-safe.
 */
public final class UsageAccountant {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TokenAccount account(ExchangeRecord record) {
        if (record.endpoint() == Endpoint.COUNT_TOKENS) {
            return TokenAccount.NONE;
        }
        TokenUsage reported = record.summary().providerUsage();
        if (record.endpoint() == Endpoint.EMBEDDINGS && reported.inputTokens() != null) {
            // Embeddings generate no tokens; OpenAI reports only prompt_tokens for them.
            reported = withOutput(reported, 0L);
        }
        if (reported.inputTokens() != null && reported.outputTokens() != null) {
            return new TokenAccount(reported, UsageSource.PROVIDER);
        }
        if (!relayedSuccess(record)) {
            return reported.isEmpty() ? TokenAccount.NONE : new TokenAccount(reported, UsageSource.PROVIDER);
        }
        Long input = reported.inputTokens() != null ? reported.inputTokens() : inputTokens(record);
        Long output = reported.outputTokens() != null ? reported.outputTokens() : outputTokens(record);
        TokenUsage counted = new TokenUsage(
                input, output, reported.cacheReadTokens(), reported.cacheWriteTokens(), reported.reasoningTokens());
        return new TokenAccount(counted, UsageSource.ESTIMATE);
    }

    /** A 2xx response reached the client (in full or in part): the provider generated, and likely billed, tokens. */
    private static boolean relayedSuccess(ExchangeRecord record) {
        return record.status() >= 200 && record.status() < 300;
    }

    /** Counted from the client's body by the client's protocol, as the seed counted input (seed-spec section 8). */
    private static long inputTokens(ExchangeRecord record) {
        JsonNode body;
        try {
            body = JSON.readTree(record.requestBody());
        } catch (IOException e) {
            // The proxy validated the body; an unreadable one has nothing to count.
            return 0;
        }
        return InputTokenCounter.count(record.endpoint().protocol(), model(record), body);
    }

    private static long outputTokens(ExchangeRecord record) {
        return TokenEstimator.outputTokens(
                record.endpoint().protocol(), model(record), record.summary().outputText());
    }

    /** The model the provider ran (the final attempt's target), which picks the tokenizer; else the requested one. */
    private static String model(ExchangeRecord record) {
        return record.finalAttempt().map(AttemptRecord::targetModel).orElse(record.requestedModel());
    }

    private static TokenUsage withOutput(TokenUsage usage, Long output) {
        return new TokenUsage(
                usage.inputTokens(),
                output,
                usage.cacheReadTokens(),
                usage.cacheWriteTokens(),
                usage.reasoningTokens());
    }
}
