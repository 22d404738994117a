package com.llmgateway.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.config.LogSettings;
import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.security.Redaction;
import com.llmgateway.usage.Accounting;
import com.llmgateway.usage.Cost;
import com.llmgateway.usage.ResponseSummary;
import com.llmgateway.usage.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@code request_logs} row of a finished exchange (seed-spec section 7). Pure: no I/O, safe on any thread.
 *
 * <p>Every text is made storable on both databases: values longer than their {@code VARCHAR(n)} column are cut
 * (PostgreSQL would refuse them and with them the whole batch) and NUL characters, which PostgreSQL text cannot hold,
 * become U+FFFD. Bodies that are not UTF-8 (possible only for rejected requests) are decoded with U+FFFD for each bad
 * sequence.
 */
final class LogRows {
    /** Seed-spec section 7: a stream's summary keeps the first 4096 characters of the generated text. */
    static final int STREAM_PREVIEW_CHARS = 4096;

    // Widths of the VARCHAR columns (migration V1 and V2).
    private static final int NAME_WIDTH = 100;
    private static final int ENDPOINT_WIDTH = 50;
    private static final int USAGE_SOURCE_WIDTH = 20;
    private static final int PRICE_SOURCE_WIDTH = 30;

    private LogRows() {}

    /** A text column's value and whether it stops short of the original. */
    record Text(String value, boolean truncated) {
        static final Text NONE = new Text(null, false);
    }

    static LogRow from(ExchangeRecord record, Accounting accounting, LogSettings settings) {
        Optional<AttemptRecord> last = record.finalAttempt();
        TokenUsage usage = accounting.usage();
        Cost cost = accounting.cost();
        Text requestBody = utf8(record.requestBody(), settings.bodyMaxBytes());
        Text responseBody = responseBody(record, settings.bodyMaxBytes());
        return new LogRow(
                record.requestTime().toEpochMilli(),
                record.apiKey() == null ? null : record.apiKey().id(),
                record.apiKey() == null ? null : column(record.apiKey().name(), NAME_WIDTH),
                column(record.requestedModel(), NAME_WIDTH),
                last.map(attempt -> column(attempt.targetModel(), NAME_WIDTH)).orElse(null),
                last.map(AttemptRecord::providerId).orElse(null),
                last.map(attempt -> column(attempt.providerName(), NAME_WIDTH)).orElse(null),
                record.retryCount(),
                record.matchedProviderCount(),
                record.firstByteDelayMs().orElse(null),
                record.totalTimeMs().orElse(null),
                usage.inputTokens(),
                usage.outputTokens(),
                headers(record.requestHeaders()),
                requestBody.value(),
                record.status() == 0 ? null : record.status(),
                responseBody.value(),
                errorInfo(record).map(LogRows::column).orElse(null),
                column(record.traceId(), NAME_WIDTH),
                record.stream(),
                column(record.endpoint().path(), ENDPOINT_WIDTH),
                attempts(record.attempts()),
                column(accounting.usageSource().column(), USAGE_SOURCE_WIDTH),
                usage.cacheReadTokens(),
                usage.cacheWriteTokens(),
                usage.reasoningTokens(),
                cost.inputCost(),
                cost.outputCost(),
                cost.totalCost(),
                column(cost.priceSource().column(), PRICE_SOURCE_WIDTH),
                requestBody.truncated(),
                responseBody.truncated());
    }

    /**
     * The client's headers as one JSON object with lower-case names (as HTTP/2 sends them), repeated headers joined
     * with {@code ", "} (RFC 9110 section 5.3), credentials masked by {@link Redaction}.
     */
    static String headers(List<Map.Entry<String, String>> headers) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            merged.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
        }
        ObjectNode json = Sql.JSON.createObjectNode();
        Redaction.redact(merged).forEach(json::put);
        return Sql.jsonText(json);
    }

    /**
     * A relayed event stream is logged as its summary (seed-spec section 7); any other relayed body as text. Nothing
     * relayed (the gateway answered itself, or the client left first) gives no body.
     */
    static Text responseBody(ExchangeRecord record, int maxBytes) {
        ResponseSummary summary = record.summary();
        if (summary.stream()) {
            return new Text(streamSummary(record), false);
        }
        if (summary.body().length == 0) {
            return Text.NONE;
        }
        Text body = utf8(summary.body(), maxBytes);
        return new Text(body.value(), body.truncated() || summary.bodyTruncated());
    }

    static String streamSummary(ExchangeRecord record) {
        ResponseSummary summary = record.summary();
        String text = summary.outputText() == null ? "" : summary.outputText();
        String preview = firstCodePoints(text, STREAM_PREVIEW_CHARS);
        ObjectNode json = Sql.JSON.createObjectNode();
        json.put("type", "stream");
        json.put("protocol", record.endpoint().protocol().wireName());
        json.put("output_preview", preview);
        json.put("output_preview_truncated", preview.length() < text.length() || summary.outputTextTruncated());
        json.put("upstream_reported_output_tokens", summary.providerUsage().outputTokens());
        return Sql.jsonText(json);
    }

    static String attempts(List<AttemptRecord> attempts) {
        ArrayNode json = Sql.JSON.createArrayNode();
        for (AttemptRecord attempt : attempts) {
            json.addObject()
                    .put("provider_id", attempt.providerId())
                    .put("provider_name", attempt.providerName())
                    .put("target_model", attempt.targetModel())
                    .put("status", attempt.status())
                    .put("transport_failure", attempt.transportFailure())
                    .put("duration_ms", attempt.durationMs())
                    .put("error", attempt.error().orElse(null));
        }
        return Sql.jsonText(json);
    }

    /**
     * The gateway's or transport's error; when every provider failed and the last upstream answer was relayed as it
     * was, that answer's failure, so that such a row counts as an error and says why.
     */
    static Optional<String> errorInfo(ExchangeRecord record) {
        return record.errorInfo().or(() -> record.finalAttempt().flatMap(AttemptRecord::error));
    }

    /** At most {@code maxBytes} of {@code bytes} as text, cut before a multi-byte character rather than through it. */
    static Text utf8(byte[] bytes, int maxBytes) {
        if (bytes == null) {
            return Text.NONE;
        }
        int end = Math.min(bytes.length, maxBytes);
        if (end < bytes.length) {
            // Step back over continuation bytes (10xxxxxx) to the start of the character that does not fit.
            int start = end;
            while (start > 0 && end - start < 3 && (bytes[start] & 0xC0) == 0x80) {
                start--;
            }
            if ((bytes[start] & 0xC0) == 0x80) {
                start = end; // not UTF-8 here anyway: cut at the limit
            }
            end = start;
        }
        return new Text(column(new String(bytes, 0, end, StandardCharsets.UTF_8)), end < bytes.length);
    }

    private static String firstCodePoints(String text, int count) {
        if (text.length() <= count) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.min(count, text.codePointCount(0, text.length()))));
    }

    private static String column(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }

    /** A VARCHAR(width) value: PostgreSQL counts characters (code points), so the cut does too. */
    static String column(String value, int width) {
        if (value == null) {
            return null;
        }
        return column(firstCodePoints(value, width));
    }
}
