package com.llmgateway.usage;

/**
 * What the gateway learned from one relayed response, for the request log and token accounting. Built incrementally
 * while the response is relayed (never by buffering a whole stream).
 *
 * @param providerUsage the usage the provider reported ({@link TokenUsage#NONE} when it reported none)
 * @param outputText the generated text seen so far, for a local count when the provider reports no output tokens
 *     (bounded; {@code outputTextTruncated} says whether text was left out)
 * @param outputTextTruncated whether {@code outputText} stops short of everything generated
 * @param body the first bytes of a non-stream response body (bounded by {@code LOG_BODY_MAX_BYTES}); empty for streams
 * @param bodyTruncated whether {@code body} stops short of the whole response body
 * @param stream whether the response was an event stream
 * @param events how many server-sent events were relayed
 */
public record ResponseSummary(
        TokenUsage providerUsage,
        String outputText,
        boolean outputTextTruncated,
        byte[] body,
        boolean bodyTruncated,
        boolean stream,
        long events) {

    public static final ResponseSummary EMPTY =
            new ResponseSummary(TokenUsage.NONE, "", false, new byte[0], false, false, 0);
}
