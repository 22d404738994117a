package com.llmgateway.proxy;

import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.usage.ResponseSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What happened to one client request, emitted once when the exchange ends. The request log is built from it.
 *
 * @param requestTime when the gateway received the request
 * @param requestBody the client's body as sent (before the model value was rewritten)
 * @param requestHeaders the client's headers as received (not yet redacted: whoever stores them redacts them)
 * @param attempts every upstream call in order: the failover path
 * @param retryCount failed attempts, as seed-spec section 6 defines it
 * @param status the status the client received (0 if the client left before any)
 * @param firstByteDelayMs time from the final attempt's start to its response headers, if any
 * @param totalTimeMs time from the final attempt's start to the end of the relay, if any
 * @param bytesRelayed body bytes written to the client from the provider
 * @param summary what the relayed response told (usage, output text, the first bytes of a non-stream body)
 * @param errorInfo the gateway's or transport's error text, or {@code client_disconnected}
 */
public record ExchangeRecord(
        String traceId,
        Instant requestTime,
        Endpoint endpoint,
        ApiKeyEntry apiKey,
        String requestedModel,
        boolean stream,
        byte[] requestBody,
        List<java.util.Map.Entry<String, String>> requestHeaders,
        int matchedProviderCount,
        List<AttemptRecord> attempts,
        int retryCount,
        int status,
        Optional<Long> firstByteDelayMs,
        Optional<Long> totalTimeMs,
        long bytesRelayed,
        ResponseSummary summary,
        Optional<String> errorInfo) {

    public ExchangeRecord {
        attempts = List.copyOf(attempts);
        requestHeaders = List.copyOf(requestHeaders);
    }

    /** The last attempt, whose provider the log names. */
    public Optional<AttemptRecord> finalAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    }
}
