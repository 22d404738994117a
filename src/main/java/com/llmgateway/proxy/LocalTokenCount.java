package com.llmgateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.protocol.GatewayException;
import com.llmgateway.protocol.translate.MessagesToChat;
import com.llmgateway.protocol.translate.TranslationOptions;
import com.llmgateway.usage.InputTokenCounter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /v1/messages/count_tokens} for a model served only by OpenAI-protocol providers, which have no counting
 * endpoint. Claude Code counts a conversation before deciding to compact it, so a 503 here breaks it; a count that is
 * too low lets it overfill the model's context. The request is translated as {@code /v1/messages} would be and its
 * chat form counted with the tokenizer of the provider's model ({@link InputTokenCounter#promptEstimate}, generous),
 * and the answer says it is an estimate in {@value #ESTIMATE_HEADER}.
 *
 * <p>Counting is CPU work on the shared worker pool, so at most {@link #MAX_IN_FLIGHT} counts run at once in a
 * gateway (its one proxy handler); one more is refused with a 429 (SDKs retry those) rather than queued behind the
 * admin's and the log retention's work.
 */
final class LocalTokenCount {
    /** Present on a count the gateway made itself: {@code estimate}. */
    static final String ESTIMATE_HEADER = "x-gateway-token-count";

    /** Counts in flight at once in a gateway. */
    static final int MAX_IN_FLIGHT = 8;

    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    LocalTokenCount(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** Takes one of the {@code maxInFlight} places, if one is free; give it back with {@link #release()}. */
    boolean tryAcquire() {
        while (true) {
            int now = inFlight.get();
            if (now >= maxInFlight) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * The input tokens of an Anthropic count request sent to {@code targetModel}. CPU work: not on an event loop.
     *
     * @throws GatewayException a 400 when the request could not be translated for an OpenAI provider either
     */
    static long count(JsonNode countRequest, String targetModel) {
        JsonNode chat = MessagesToChat.request(countRequest, TranslationOptions.defaults())
                .json();
        return InputTokenCounter.promptEstimate(chat, targetModel);
    }

    static void send(HttpServerResponse response, long inputTokens, String traceId) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(ESTIMATE_HEADER, "estimate")
                .putHeader(Relay.TRACE_HEADER, traceId)
                .end(Buffer.buffer("{\"input_tokens\":" + inputTokens + "}"));
    }
}
